package io.kizuna.protocol.oidc.logout;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.signingkey.SigningKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2: the {@code end_session_endpoint}, GET and POST (form).
 *
 * <ul>
 *   <li>{@code id_token_hint}: must be an ID token this OP issued — our signature by a published key, our
 *       {@code iss}; an expired one is accepted (§2: "the OP … SHOULD accept ID Tokens … when … expired");
 *       a bad signature, another issuer or an {@code aud} that is not {@code client_id} is an error page.</li>
 *   <li>{@code client_id}: identifies the RP when there is no hint (§2), must be the hint's audience.</li>
 *   <li>{@code post_logout_redirect_uri}: used only when it exactly matches one of the RP's registered
 *       {@code post_logout_redirect_uris} (§2, §3.1) and the RP is identified; anything else is an error
 *       page, never a redirect — the endpoint is no open redirector (§6).</li>
 *   <li>{@code state}: returned with the redirect (§2, §3). {@code ui_locales}: the first of Japanese or
 *       English it names sets the page's language. {@code logout_hint}: accepted and not needed — the
 *       session cookie says who is signed in (§2 lets the OP ignore it).</li>
 * </ul>
 *
 * <p>Errors are shown to the browser, never redirected. A valid request is parked ({@link PendingLogouts})
 * and the browser goes on to the confirmation page {@code /logout} (ui), which asks the member and ends
 * the session through the ordinary sign-out path.
 */
@RestController
public class EndSessionEndpoint {
    public static final String PATH = "/oauth2/logout";
    public static final String CONFIRMATION_PAGE = "/logout";

    private final ClientRegistry clients;
    private final SigningKeys keys;
    private final KizunaProperties properties;
    private final PendingLogouts pending;

    public EndSessionEndpoint(ClientRegistry clients, SigningKeys keys, KizunaProperties properties,
                              PendingLogouts pending) {
        this.clients = clients;
        this.keys = keys;
        this.properties = properties;
        this.pending = pending;
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> endSession(HttpServletRequest request) {
        try {
            OAuthParameters parameters = OAuthParameters.from(request);
            Hint hint = hint(parameters.get("id_token_hint"));
            String clientId = parameters.get("client_id");
            if (hint != null && clientId != null && !hint.audience().contains(clientId)) {
                throw OAuthException.invalidRequest("client_id is not an audience of the id_token_hint (§2)");
            }
            if (clientId == null && hint != null) {
                clientId = hint.azp() != null ? hint.azp()
                        : hint.audience().size() == 1 ? hint.audience().get(0) : null;
            }
            Optional<RegisteredClient> client = Optional.empty();
            if (clientId != null) {
                client = clients.find(clientId);
                if (client.isEmpty()) {
                    throw OAuthException.invalidRequest("unknown client_id");
                }
            }
            String redirect = parameters.get("post_logout_redirect_uri");
            if (redirect != null) {
                if (client.isEmpty()) {
                    throw OAuthException.invalidRequest("post_logout_redirect_uri needs the client: send "
                            + "id_token_hint or client_id (§2)");
                }
                if (!client.get().logoutSettings().postLogoutRedirectUris().contains(redirect)) {
                    throw OAuthException.invalidRequest("post_logout_redirect_uri does not exactly match one "
                            + "registered for the client (§2, §3.1)");
                }
            }
            String id = pending.park(new PendingLogouts.Pending(client.map(RegisteredClient::clientId).orElse(null),
                    redirect, redirect == null ? null : parameters.get("state"), hint == null ? null : hint.sid(),
                    hint == null ? null : hint.subject()));
            String next = CONFIRMATION_PAGE + "?request=" + id + language(parameters.get("ui_locales"));
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(next))
                    .cacheControl(CacheControl.noStore()).build();
        } catch (OAuthException e) {
            return errorPage(e.error(), e.description());
        }
    }

    /** §2: ours, by signature and issuer; expiry does not matter. Null when absent. */
    private Hint hint(String value) {
        if (value == null) {
            return null;
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(value);
            claims = jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw OAuthException.invalidRequest("id_token_hint is not a signed JWT");
        }
        if (!keys.verify(jwt)) {
            throw OAuthException.invalidRequest("id_token_hint was not signed by this OpenID Provider");
        }
        if (!properties.issuer().equals(claims.getIssuer()) || claims.getAudience() == null
                || claims.getAudience().isEmpty() || claims.getSubject() == null) {
            throw OAuthException.invalidRequest("id_token_hint is not an ID token issued by this OpenID Provider");
        }
        String sid;
        String azp;
        try {
            sid = claims.getStringClaim("sid");
            azp = claims.getStringClaim("azp");
        } catch (java.text.ParseException e) {
            throw OAuthException.invalidRequest("id_token_hint has malformed claims");
        }
        return new Hint(claims.getSubject(), claims.getAudience(), azp, sid);
    }

    /** {@code ui_locales} (§2, OIDC Core §3.1.2.1): the first supported language it lists, as the page's. */
    static String language(String uiLocales) {
        if (uiLocales == null) {
            return "";
        }
        for (String tag : uiLocales.strip().split("\\s+")) {
            String language = Locale.forLanguageTag(tag).getLanguage();
            if (language.equals("ja") || language.equals("en")) {
                return "&lang=" + language;
            }
        }
        return "";
    }

    private static ResponseEntity<String> errorPage(String error, String description) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-out error</title>"
                + "</head><body><main><h1>Sign-out error / ログアウトエラー</h1><p><code>" + HtmlUtils.htmlEscape(error)
                + "</code></p><p>" + HtmlUtils.htmlEscape(description) + "</p></main></body></html>";
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore()).body(html);
    }

    private record Hint(String subject, List<String> audience, String azp, String sid) {
    }
}
