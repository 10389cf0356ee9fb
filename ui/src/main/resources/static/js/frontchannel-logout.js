// OpenID Connect Front-Channel Logout 1.0 §4 on Kizuna's "signed out" page, loaded same-origin so the
// Content-Security-Policy needs no 'unsafe-inline'. The page frames each Relying Party's
// frontchannel_logout_uri; when it also carries a "continue" link (RP-Initiated Logout's
// post_logout_redirect_uri), this script follows the link once the frames have loaded — the window's load
// event fires only after every iframe has — or after data-timeout-ms, whichever comes first, so that a slow
// or unreachable RP cannot hold the member on the page. Without JavaScript the member follows the link.
(function () {
  'use strict';
  var link = document.getElementById('logout-continue');
  if (!link) { return; }
  var done = false;
  function proceed() {
    if (done) { return; }
    done = true;
    window.location.replace(link.href);
  }
  var timeout = parseInt(link.getAttribute('data-timeout-ms'), 10);
  window.setTimeout(proceed, timeout > 0 ? timeout : 5000);
  if (document.readyState === 'complete') {
    proceed();
  } else {
    window.addEventListener('load', proceed);
  }
}());
