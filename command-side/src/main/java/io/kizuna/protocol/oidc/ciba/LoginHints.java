package io.kizuna.protocol.oidc.ciba;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.config.KizunaProperties;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.signingkey.SigningKeys;
import java.text.ParseException;
import org.springframework.stereotype.Component;

/**
 * Who the client means (CIBA Core 1.0 §7.1): exactly one of {@code login_hint} (here the member's e-mail),
 * {@code id_token_hint} (an ID token this server issued; it may have expired, as OIDC Core §3.1.2.1 allows)
 * or {@code login_hint_token} (not supported). A member who does not exist, was deprovisioned or is
 * suspended is {@code unknown_user_id} (§13).
 */
@Component
public class LoginHints {
    static final String UNKNOWN_USER_ID = "unknown_user_id";

    private final MemberCredentialLookup members;
    private final SigningKeys keys;
    private final KizunaProperties properties;

    public LoginHints(MemberCredentialLookup members, SigningKeys keys, KizunaProperties properties) {
        this.members = members;
        this.keys = keys;
        this.properties = properties;
    }

    /** The member id the request names. */
    public String memberOf(OAuthParameters parameters) {
        int hints = (parameters.has("login_hint") ? 1 : 0) + (parameters.has("id_token_hint") ? 1 : 0)
                + (parameters.has("login_hint_token") ? 1 : 0);
        if (hints != 1) {
            throw OAuthException.invalidRequest("exactly one of login_hint, id_token_hint and login_hint_token is "
                    + "required (CIBA Core 1.0 section 7.1)");
        }
        if (parameters.has("login_hint_token")) {
            throw OAuthException.invalidRequest("login_hint_token is not supported here; identify the user with "
                    + "login_hint (the e-mail address) or id_token_hint");
        }
        if (parameters.has("login_hint")) {
            String login = parameters.get("login_hint").strip();
            return members.find(login).filter(MemberCredentialLookup.Credential::active)
                    .map(MemberCredentialLookup.Credential::memberId)
                    .filter(id -> !members.isSuspended(id))
                    .orElseThrow(() -> new OAuthException(400, UNKNOWN_USER_ID,
                            "no user is known by this login_hint (CIBA Core 1.0 section 13)"));
        }
        return fromIdToken(parameters.get("id_token_hint"));
    }

    private String fromIdToken(String value) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(value);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidRequest("id_token_hint is not a signed JWT");
        }
        if (!keys.verify(jwt) || !properties.issuer().equals(claims.getIssuer()) || claims.getSubject() == null) {
            throw OAuthException.invalidRequest("id_token_hint was not issued by this server");
        }
        String memberId = claims.getSubject();
        if (members.loginKeyOf(memberId).isEmpty() || members.isSuspended(memberId)) {
            throw new OAuthException(400, UNKNOWN_USER_ID,
                    "the user of this id_token_hint is not known (CIBA Core 1.0 section 13)");
        }
        return memberId;
    }
}
