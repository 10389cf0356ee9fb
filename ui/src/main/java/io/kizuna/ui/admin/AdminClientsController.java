package io.kizuna.ui.admin;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import io.kizuna.ui.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * OAuth clients: list, register, edit (RFC 7591 §2 metadata, RFC 7592 §2.2 replace semantics), rotate the
 * secret (RFC 6749 §2.3.1, shown once) and delete (RFC 7592 §2.3). Every change is a ledger command.
 */
@Controller
public class AdminClientsController {
    static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:openid:params:grant-type:ciba");
    static final List<String> SIGNING_ALGORITHMS = List.of("ES256", "PS256", "RS256", "EdDSA");
    /** OIDC DCR §2 / OIDC Core §10.2 key management and content encryption the server offers. */
    static final List<String> ENCRYPTION_ALGORITHMS = List.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW",
            "ECDH-ES+A256KW");
    static final List<String> ENCRYPTION_METHODS = List.of("A128CBC-HS256", "A128GCM", "A256GCM");
    static final List<String> PROFILES = List.of("none", "fapi1-advanced", "fapi2-security", "fapi2-message-signing");
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "none");

    private final AdminGuard guard;
    private final AdminConsole console;

    public AdminClientsController(AdminGuard guard, AdminConsole console) {
        this.guard = guard;
        this.console = console;
    }

    @GetMapping("/admin/clients")
    public ModelAndView list(@RequestParam(required = false) String deleted, HttpServletRequest request,
                             HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        ModelAndView page = new ModelAndView("admin/clients");
        page.addObject("clients", console.clients());
        page.addObject("deleted", deleted != null && deleted.length() <= 128 ? deleted : null);
        return page;
    }

    @GetMapping("/admin/clients/new")
    public ModelAndView newClient(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        return form(null, new Form("", "client_secret_basic", "", List.of("authorization_code", "refresh_token"),
                "openid profile email", "", "jwt"), null, HttpStatus.OK);
    }

    @PostMapping("/admin/clients")
    public ModelAndView create(@RequestParam(defaultValue = "") String name,
                               @RequestParam(name = "auth_method", defaultValue = "client_secret_basic") String authMethod,
                               @RequestParam(name = "redirect_uris", defaultValue = "") String redirectUris,
                               @RequestParam(name = "grant_types", required = false) List<String> grantTypes,
                               @RequestParam(defaultValue = "") String scope,
                               @RequestParam(name = "site_uri", defaultValue = "") String siteUri,
                               @RequestParam(name = "access_token_format", defaultValue = "jwt") String format,
                               HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Form form = new Form(name, authMethod, redirectUris, grantTypes == null ? List.of() : grantTypes, scope,
                siteUri, format);
        try {
            AdminConsole.Credentials created = console.createClient(form.toConsole(), check.admin());
            return secret(created, true);
        } catch (LedgerRejection e) {
            return form(null, form, e.description(), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/admin/clients/{clientId}")
    public ModelAndView edit(@PathVariable String clientId, @RequestParam(required = false) String saved,
                             HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Optional<AdminConsole.ClientView> client = console.client(clientId);
        if (client.isEmpty()) {
            return notFound();
        }
        ModelAndView page = form(client.get(), Form.of(client.get()), null, HttpStatus.OK);
        page.addObject("saved", saved != null);
        return page;
    }

    @PostMapping("/admin/clients/{clientId}")
    public ModelAndView update(@PathVariable String clientId, @RequestParam(defaultValue = "") String name,
                               @RequestParam(name = "redirect_uris", defaultValue = "") String redirectUris,
                               @RequestParam(name = "grant_types", required = false) List<String> grantTypes,
                               @RequestParam(defaultValue = "") String scope,
                               @RequestParam(name = "site_uri", defaultValue = "") String siteUri,
                               @RequestParam(name = "access_token_format", defaultValue = "jwt") String format,
                               HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Optional<AdminConsole.ClientView> client = console.client(clientId);
        if (client.isEmpty()) {
            return notFound();
        }
        Form form = new Form(name, client.get().authMethod(), redirectUris,
                grantTypes == null ? List.of() : grantTypes, scope, siteUri, format);
        try {
            console.updateClient(clientId, form.toConsole(), check.admin());
            return Redirects.toPage("/admin/clients/" + encode(clientId) + "?saved");
        } catch (LedgerRejection e) {
            return form(client.get(), form, e.description(), HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/admin/clients/{clientId}/secret")
    public ModelAndView rotate(@PathVariable String clientId, HttpServletRequest request,
                               HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Optional<AdminConsole.ClientView> client = console.client(clientId);
        if (client.isEmpty()) {
            return notFound();
        }
        try {
            return secret(console.rotateSecret(clientId, check.admin()), false);
        } catch (LedgerRejection e) {
            return form(client.get(), Form.of(client.get()), e.description(), HttpStatus.BAD_REQUEST);
        }
    }

    /**
     * The client's token profile: signing algorithms (RFC 9068 access tokens, OIDC Core ID tokens) and
     * lifetimes; an empty field is the server default. Refused values re-show the page with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/token-settings")
    public ModelAndView tokenSettings(@PathVariable String clientId,
                                      @RequestParam(name = "access_token_signing_alg", defaultValue = "") String accessAlg,
                                      @RequestParam(name = "id_token_signed_response_alg", defaultValue = "") String idAlg,
                                      @RequestParam(name = "access_token_lifetime", defaultValue = "") String access,
                                      @RequestParam(name = "id_token_lifetime", defaultValue = "") String id,
                                      @RequestParam(name = "refresh_token_lifetime", defaultValue = "") String refresh,
                                      @RequestParam(name = "pkce_optional", required = false) String pkceOptional,
                                      @RequestParam(name = "dpop_bound_access_tokens", defaultValue = "") String dpop,
                                      @RequestParam(name = "tls_client_certificate_bound_access_tokens",
                                              defaultValue = "") String mtlsBound,
                                      HttpServletRequest request, HttpServletResponse response) {
        // RFC 9700 §2.1.1: PKCE stays required unless the box "PKCE optional" is ticked (secure when absent)
        TokenForm typed = new TokenForm(accessAlg, idAlg, access, id, refresh, pkceOptional != null, "true".equals(dpop),
                "true".equals(mtlsBound));
        return saveSettings(clientId, request, response, "tokens", typed,
                admin -> console.changeClientTokenSettings(clientId, typed.toConsole(), admin));
    }

    /**
     * The client's security profile (FAPI 1.0 Advanced, FAPI 2.0 Security Profile, FAPI 2.0 Message
     * Signing, or none). A client that cannot meet the profile is refused with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/profile")
    public ModelAndView profile(@PathVariable String clientId,
                                @RequestParam(name = "client_profile", defaultValue = "none") String profile,
                                HttpServletRequest request, HttpServletResponse response) {
        // on refusal the select shows the profile in force, not the one refused
        return saveSettings(clientId, request, response, "profile", null,
                admin -> console.changeClientProfile(clientId, profile, admin));
    }

    /**
     * The client's OIDC logout metadata: post-logout redirect URIs one per line (RP-Initiated Logout §3.1),
     * the back-channel logout URI and whether it needs {@code sid} (Back-Channel Logout §2.2), the
     * front-channel logout URI and whether it needs {@code iss} and {@code sid} (Front-Channel Logout §2).
     * Refused values re-show the page with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/logout-settings")
    public ModelAndView logoutSettings(@PathVariable String clientId,
                                       @RequestParam(name = "post_logout_redirect_uris", defaultValue = "") String uris,
                                       @RequestParam(name = "backchannel_logout_uri", defaultValue = "") String backchannel,
                                       @RequestParam(name = "backchannel_logout_session_required", required = false)
                                       String sessionRequired,
                                       @RequestParam(name = "frontchannel_logout_uri", defaultValue = "") String frontchannel,
                                       @RequestParam(name = "frontchannel_logout_session_required", required = false)
                                       String frontchannelSessionRequired,
                                       HttpServletRequest request, HttpServletResponse response) {
        LogoutForm typed = new LogoutForm(uris, backchannel, "yes".equals(sessionRequired), frontchannel,
                "yes".equals(frontchannelSessionRequired));
        return saveSettings(clientId, request, response, "logout", typed,
                admin -> console.changeClientLogoutSettings(clientId, typed.toConsole(), admin));
    }

    /**
     * The client's ID token encryption and UserInfo signing / encryption (OIDC DCR §2, OIDC Core §10.2,
     * §5.3.2) and its jwks_uri; an empty field turns the feature off. Refused values (no key to encrypt
     * to, an unknown algorithm) re-show the page with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/response-protection")
    public ModelAndView responseProtection(@PathVariable String clientId,
                                           @RequestParam(name = "id_token_encrypted_response_alg", defaultValue = "") String idAlg,
                                           @RequestParam(name = "id_token_encrypted_response_enc", defaultValue = "") String idEnc,
                                           @RequestParam(name = "userinfo_signed_response_alg", defaultValue = "") String uiSig,
                                           @RequestParam(name = "userinfo_encrypted_response_alg", defaultValue = "") String uiAlg,
                                           @RequestParam(name = "userinfo_encrypted_response_enc", defaultValue = "") String uiEnc,
                                           @RequestParam(name = "jwks_uri", defaultValue = "") String jwksUri,
                                           HttpServletRequest request, HttpServletResponse response) {
        AdminConsole.ClientResponseProtection typed = new AdminConsole.ClientResponseProtection(
                TokenForm.blankToNull(idAlg), TokenForm.blankToNull(idEnc), TokenForm.blankToNull(uiSig),
                TokenForm.blankToNull(uiAlg), TokenForm.blankToNull(uiEnc), TokenForm.blankToNull(jwksUri));
        return saveSettings(clientId, request, response, "protection", ProtectionForm.of(typed),
                admin -> console.changeClientResponseProtection(clientId, typed, admin));
    }

    /**
     * The client's JWT-secured authorization responses (JARM §3): the signing algorithm (empty: RS256, or
     * PS256 for a FAPI client) and encryption to the client's key (empty: off). Refused values (an algorithm
     * the profile forbids, no key to encrypt to) re-show the page with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/authorization-response")
    public ModelAndView authorizationResponse(@PathVariable String clientId,
                                              @RequestParam(name = "authorization_signed_response_alg", defaultValue = "") String sig,
                                              @RequestParam(name = "authorization_encrypted_response_alg", defaultValue = "") String alg,
                                              @RequestParam(name = "authorization_encrypted_response_enc", defaultValue = "") String enc,
                                              HttpServletRequest request, HttpServletResponse response) {
        AdminConsole.ClientAuthorizationResponse typed = new AdminConsole.ClientAuthorizationResponse(
                TokenForm.blankToNull(sig), TokenForm.blankToNull(alg), TokenForm.blankToNull(enc));
        return saveSettings(clientId, request, response, "jarm", JarmForm.of(typed),
                admin -> console.changeClientAuthorizationResponse(clientId, typed, admin));
    }

    /** The JARM settings as the page shows them: empty strings for the defaults. */
    public record JarmForm(String signedResponseAlg, String encryptedResponseAlg, String encryptedResponseEnc) {
        static final JarmForm EMPTY = new JarmForm("", "", "");

        static JarmForm of(AdminConsole.ClientAuthorizationResponse s) {
            return new JarmForm(TokenForm.text(s.signedResponseAlg()), TokenForm.text(s.encryptedResponseAlg()),
                    TokenForm.text(s.encryptedResponseEnc()));
        }
    }

    /**
     * The client's request-object metadata (OIDC DCR §2): request_uris one per line (OIDC Core §6.2) and
     * the request-object encryption it declares (§6.1; then plain request objects are refused). Refused
     * values re-show the page with the reason.
     */
    @PostMapping("/admin/clients/{clientId}/request-object-settings")
    public ModelAndView requestObjectSettings(@PathVariable String clientId,
                                              @RequestParam(name = "request_uris", defaultValue = "") String uris,
                                              @RequestParam(name = "request_object_encryption_alg", defaultValue = "") String alg,
                                              @RequestParam(name = "request_object_encryption_enc", defaultValue = "") String enc,
                                              HttpServletRequest request, HttpServletResponse response) {
        RequestObjectForm typed = new RequestObjectForm(uris, alg, enc);
        return saveSettings(clientId, request, response, "requestObjects", typed,
                admin -> console.changeClientRequestObjectSettings(clientId, typed.toConsole(), admin));
    }

    /** Request-object metadata as typed: request_uris one per line, empty strings for "off" / the default. */
    public record RequestObjectForm(String requestUris, String requestObjectEncryptionAlg,
                                    String requestObjectEncryptionEnc) {
        static final RequestObjectForm EMPTY = new RequestObjectForm("", "", "");

        static RequestObjectForm of(AdminConsole.ClientRequestObjectSettings r) {
            return new RequestObjectForm(String.join("\n", r.requestUris()),
                    TokenForm.text(r.requestObjectEncryptionAlg()), TokenForm.text(r.requestObjectEncryptionEnc()));
        }

        AdminConsole.ClientRequestObjectSettings toConsole() {
            return new AdminConsole.ClientRequestObjectSettings(Arrays.stream(requestUris.strip().split("\\s+"))
                    .filter(u -> !u.isBlank()).toList(), TokenForm.blankToNull(requestObjectEncryptionAlg),
                    TokenForm.blankToNull(requestObjectEncryptionEnc));
        }
    }

    /**
     * What members are shown about the client on the sign-in and consent pages (OIDC DCR §2 {@code logo_uri},
     * {@code policy_uri}, {@code tos_uri}; https URLs, empty for none). Refused values re-show the page with
     * the reason.
     */
    @PostMapping("/admin/clients/{clientId}/presentation")
    public ModelAndView presentation(@PathVariable String clientId,
                                     @RequestParam(name = "logo_uri", defaultValue = "") String logoUri,
                                     @RequestParam(name = "policy_uri", defaultValue = "") String policyUri,
                                     @RequestParam(name = "tos_uri", defaultValue = "") String tosUri,
                                     HttpServletRequest request, HttpServletResponse response) {
        PresentationForm typed = new PresentationForm(logoUri.strip(), policyUri.strip(), tosUri.strip());
        return saveSettings(clientId, request, response, "presentation", typed,
                admin -> console.changeClientPresentation(clientId, typed.toConsole(), admin));
    }

    /** Logo, policy and terms URLs as typed: empty strings for none. */
    public record PresentationForm(String logoUri, String policyUri, String tosUri) {
        static final PresentationForm EMPTY = new PresentationForm("", "", "");

        static PresentationForm of(AdminConsole.ClientPresentation p) {
            return new PresentationForm(TokenForm.text(p.logoUri()), TokenForm.text(p.policyUri()),
                    TokenForm.text(p.tosUri()));
        }

        AdminConsole.ClientPresentation toConsole() {
            return new AdminConsole.ClientPresentation(TokenForm.blankToNull(logoUri),
                    TokenForm.blankToNull(policyUri), TokenForm.blankToNull(tosUri));
        }
    }

    /** One settings section's change, recorded on behalf of {@code admin}; refusals throw LedgerRejection. */
    @FunctionalInterface
    interface SettingsChange {
        void record(String admin);
    }

    /**
     * The shared path of the client page's settings forms: administrator check, client lookup, the change,
     * then back to the page saved — or, refused, the page again with the section's values as typed
     * ({@code section}, when given) and the reason ({@code section + "Error"}).
     */
    private ModelAndView saveSettings(String clientId, HttpServletRequest request, HttpServletResponse response,
                                      String section, Object typed, SettingsChange change) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Optional<AdminConsole.ClientView> client = console.client(clientId);
        if (client.isEmpty()) {
            return notFound();
        }
        try {
            change.record(check.admin());
            return Redirects.toPage("/admin/clients/" + encode(clientId) + "?saved");
        } catch (LedgerRejection e) {
            ModelAndView page = form(client.get(), Form.of(client.get()), null, HttpStatus.BAD_REQUEST);
            if (typed != null) {
                page.addObject(section, typed);
            }
            page.addObject(section + "Error", e.description());
            return page;
        }
    }

    /** The protection settings as the page shows them: empty strings for "off". */
    public record ProtectionForm(String idTokenEncryptedResponseAlg, String idTokenEncryptedResponseEnc,
                                 String userinfoSignedResponseAlg, String userinfoEncryptedResponseAlg,
                                 String userinfoEncryptedResponseEnc, String jwksUri) {
        static final ProtectionForm EMPTY = new ProtectionForm("", "", "", "", "", "");

        static ProtectionForm of(AdminConsole.ClientResponseProtection p) {
            return new ProtectionForm(TokenForm.text(p.idTokenEncryptedResponseAlg()),
                    TokenForm.text(p.idTokenEncryptedResponseEnc()), TokenForm.text(p.userinfoSignedResponseAlg()),
                    TokenForm.text(p.userinfoEncryptedResponseAlg()), TokenForm.text(p.userinfoEncryptedResponseEnc()),
                    TokenForm.text(p.jwksUri()));
        }
    }

    /** Deleting needs the confirmation box ticked; without it nothing happens and the page says why. */
    @PostMapping("/admin/clients/{clientId}/delete")
    public ModelAndView delete(@PathVariable String clientId, @RequestParam(required = false) String confirm,
                               HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Optional<AdminConsole.ClientView> client = console.client(clientId);
        if (client.isEmpty()) {
            return notFound();
        }
        if (!"yes".equals(confirm)) {
            ModelAndView page = form(client.get(), Form.of(client.get()), null, HttpStatus.BAD_REQUEST);
            page.addObject("confirmMissing", true);
            return page;
        }
        console.deleteClient(clientId, check.admin());
        return Redirects.toPage("/admin/clients?deleted=" + encode(clientId));
    }

    private static ModelAndView secret(AdminConsole.Credentials credentials, boolean created) {
        ModelAndView page = new ModelAndView("admin/client-secret");
        page.addObject("credentials", credentials);
        page.addObject("created", created);
        return page;
    }

    private ModelAndView form(AdminConsole.ClientView client, Form form, String error, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/client-form", status);
        page.addObject("client", client);
        page.addObject("signingAlgorithms", SIGNING_ALGORITHMS);
        if (client != null) {
            page.addObject("tokens", console.clientTokenSettings(client.clientId()).map(TokenForm::of)
                    .orElse(new TokenForm("", "", "", "", "", false, false, false)));
            page.addObject("logout", console.clientLogoutSettings(client.clientId()).map(LogoutForm::of)
                    .orElse(new LogoutForm("", "", false, "", false)));
            page.addObject("profile", console.clientProfile(client.clientId()).orElse("none"));
            page.addObject("profiles", PROFILES);
            page.addObject("protection", console.clientResponseProtection(client.clientId()).map(ProtectionForm::of)
                    .orElse(ProtectionForm.EMPTY));
            page.addObject("encryptionAlgorithms", ENCRYPTION_ALGORITHMS);
            page.addObject("jarm", console.clientAuthorizationResponse(client.clientId()).map(JarmForm::of)
                    .orElse(JarmForm.EMPTY));
            page.addObject("requestObjects", console.clientRequestObjectSettings(client.clientId())
                    .map(RequestObjectForm::of).orElse(RequestObjectForm.EMPTY));
            page.addObject("encryptionMethods", ENCRYPTION_METHODS);
            page.addObject("presentation", console.clientPresentation(client.clientId())
                    .map(PresentationForm::of).orElse(PresentationForm.EMPTY));
        }
        page.addObject("form", form);
        page.addObject("error", error);
        page.addObject("grantTypeChoices", GRANT_TYPES);
        page.addObject("authMethods", AUTH_METHODS);
        return page;
    }

    private static ModelAndView notFound() {
        return new ModelAndView("admin/not-found", HttpStatus.NOT_FOUND);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Token settings as typed: algorithms by name, lifetimes in seconds, empty for the server default;
     * {@code dpopBoundAccessTokens} the RFC 9449 §5.2 box, {@code tlsCertificateBoundAccessTokens} the RFC 8705
     * §3.4 one.
     */
    public record TokenForm(String accessTokenSigningAlg, String idTokenSignedResponseAlg, String accessTokenLifetime,
                            String idTokenLifetime, String refreshTokenLifetime, boolean pkceOptional,
                            boolean dpopBoundAccessTokens, boolean tlsCertificateBoundAccessTokens) {
        static TokenForm of(AdminConsole.ClientTokenSettings t) {
            return new TokenForm(text(t.accessTokenSigningAlg()), text(t.idTokenSignedResponseAlg()),
                    text(t.accessTokenLifetime()), text(t.idTokenLifetime()), text(t.refreshTokenLifetime()),
                    Boolean.FALSE.equals(t.requirePkce()), t.dpopBoundAccessTokens(),
                    Boolean.TRUE.equals(t.tlsCertificateBoundAccessTokens()));
        }

        AdminConsole.ClientTokenSettings toConsole() {
            return new AdminConsole.ClientTokenSettings(blankToNull(accessTokenSigningAlg),
                    blankToNull(idTokenSignedResponseAlg), seconds(accessTokenLifetime, "access_token_lifetime"),
                    seconds(idTokenLifetime, "id_token_lifetime"), seconds(refreshTokenLifetime, "refresh_token_lifetime"),
                    pkceOptional ? Boolean.FALSE : null, dpopBoundAccessTokens, tlsCertificateBoundAccessTokens);
        }

        static String text(Object value) {
            return value == null ? "" : value.toString();
        }

        static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static Long seconds(String value, String name) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new LedgerRejection("invalid_client_metadata", name + " must be a number of seconds");
            }
        }
    }

    /** Logout metadata as typed: post-logout redirect URIs one per line, an empty back-channel URI for none. */
    public record LogoutForm(String postLogoutRedirectUris, String backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired, String frontchannelLogoutUri,
                             boolean frontchannelLogoutSessionRequired) {
        static LogoutForm of(AdminConsole.ClientLogoutSettings l) {
            return new LogoutForm(String.join("\n", l.postLogoutRedirectUris()),
                    l.backchannelLogoutUri() == null ? "" : l.backchannelLogoutUri(), l.backchannelLogoutSessionRequired(),
                    l.frontchannelLogoutUri() == null ? "" : l.frontchannelLogoutUri(),
                    l.frontchannelLogoutSessionRequired());
        }

        AdminConsole.ClientLogoutSettings toConsole() {
            return new AdminConsole.ClientLogoutSettings(Arrays.stream(postLogoutRedirectUris.strip().split("\\s+"))
                    .filter(u -> !u.isBlank()).toList(),
                    backchannelLogoutUri.isBlank() ? null : backchannelLogoutUri.strip(), backchannelLogoutSessionRequired,
                    frontchannelLogoutUri.isBlank() ? null : frontchannelLogoutUri.strip(),
                    frontchannelLogoutSessionRequired);
        }
    }

    /** The form as typed: redirect URIs one per line, scopes separated by spaces. */
    public record Form(String name, String authMethod, String redirectUris, List<String> grantTypes, String scope,
                       String siteUri, String accessTokenFormat) {
        static Form of(AdminConsole.ClientView c) {
            return new Form(c.name(), c.authMethod(), String.join("\n", c.redirectUris()), c.grantTypes(),
                    String.join(" ", c.scopes()), c.siteUri() == null ? "" : c.siteUri(), c.accessTokenFormat());
        }

        AdminConsole.ClientForm toConsole() {
            return new AdminConsole.ClientForm(name.strip(), authMethod, split(redirectUris, "\\s+"),
                    grantTypes, split(scope, "\\s+"), siteUri.strip(), accessTokenFormat);
        }

        private static List<String> split(String value, String separator) {
            return Arrays.stream(value.strip().split(separator)).filter(s -> !s.isBlank()).toList();
        }
    }
}
