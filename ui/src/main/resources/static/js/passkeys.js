// Passkeys (W3C WebAuthn Level 3) for Kizuna's server-rendered pages, loaded same-origin so the
// Content-Security-Policy needs no 'unsafe-inline'. A form marked data-webauthn="create" or "get"
// carries the server's options as JSON in data-options; its button runs the ceremony, puts the
// credential's JSON in the hidden field "credential" and submits the form as an ordinary POST
// (with its CSRF field). The server verifies everything; this file only translates binary fields.
// Without this script the button posts an empty credential, which the server refuses with a message.
(function () {
  'use strict';

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) { base64 += '='; }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: toBytes(d.id), transports: d.transports };
    });
  }

  function creationOptions(o) {
    return {
      rp: o.rp,
      user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: toBytes(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation
    };
  }

  function requestOptions(o) {
    return {
      challenge: toBytes(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: o.userVerification
    };
  }

  // RegistrationResponseJSON / AuthenticationResponseJSON (WebAuthn Level 3 §5.1.8, §5.4)
  function registrationJson(credential) {
    var r = credential.response;
    return {
      id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        attestationObject: toBase64url(r.attestationObject),
        transports: typeof r.getTransports === 'function' ? r.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults()
    };
  }

  function authenticationJson(credential) {
    var r = credential.response;
    return {
      id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: {
        clientDataJSON: toBase64url(r.clientDataJSON),
        authenticatorData: toBase64url(r.authenticatorData),
        signature: toBase64url(r.signature),
        userHandle: r.userHandle ? toBase64url(r.userHandle) : undefined
      },
      clientExtensionResults: credential.getClientExtensionResults()
    };
  }

  function showError(form) {
    var error = form.querySelector('[data-webauthn-error]');
    if (error) {
      error.hidden = false;
      error.textContent = error.getAttribute('data-message');
    }
  }

  function start(form, button) {
    var options = JSON.parse(form.getAttribute('data-options'));
    var create = form.getAttribute('data-webauthn') === 'create';
    var ceremony = create
      ? navigator.credentials.create({ publicKey: creationOptions(options) })
      : navigator.credentials.get({ publicKey: requestOptions(options) });
    button.disabled = true;
    ceremony.then(function (credential) {
      form.querySelector('input[name="credential"]').value =
        JSON.stringify(create ? registrationJson(credential) : authenticationJson(credential));
      form.submit();
    }, function () {
      // cancelled, timed out or no matching authenticator: say so, and let the member try again
      button.disabled = false;
      showError(form);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var forms = document.querySelectorAll('form[data-webauthn]');
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var button = form.querySelector('button[data-webauthn-start]');
      if (!window.PublicKeyCredential || !navigator.credentials || !button) {
        var unsupported = form.querySelector('[data-webauthn-unsupported]');
        if (unsupported) { unsupported.hidden = false; }
        if (button) { button.disabled = true; }
        continue;
      }
      // the button submits the form; without a credential yet, the ceremony runs first
      form.addEventListener('submit', function (form, button, event) {
        if (!form.querySelector('input[name="credential"]').value) {
          event.preventDefault();
          start(form, button);
        }
      }.bind(null, form, button));
    }
  });
})();
