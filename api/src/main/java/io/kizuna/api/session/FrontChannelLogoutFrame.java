package io.kizuna.api.session;

/**
 * One Relying Party to tell, through the browser, that the member signed out: OpenID Connect Front-Channel
 * Logout 1.0 §4 — the page that confirms the sign-out renders an {@code <iframe>} whose {@code src} is the
 * RP's registered {@code frontchannel_logout_uri}, with {@code iss} and {@code sid} added when the RP
 * registered {@code frontchannel_logout_session_required} (§2, §3).
 *
 * @param clientName the RP's name, for the frame's accessible title
 * @param src        the URL the frame loads
 * @param origin     {@code scheme://host[:port]} of {@code src}: what the page's CSP {@code frame-src} allows
 */
public record FrontChannelLogoutFrame(String clientName, String src, String origin) {
}
