package io.kizuna.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.ledger.Rules;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An OAuth 2.0 client registration (RFC 6749 §2, RFC 7591 §2 metadata). */
@Aggregate
public class OAuthClient {

    static final Set<String> SUPPORTED_GRANT_TYPES =
            Set.of("authorization_code", "refresh_token", "client_credentials");
    static final Set<String> SUPPORTED_AUTH_METHODS =
            Set.of("client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none");

    static final Set<String> ACCESS_TOKEN_FORMATS = Set.of(ClientRegistered.JWT, ClientRegistered.OPAQUE);

    @AggregateIdentifier
    private ClientId clientId;

    protected OAuthClient() {
    }

    @CommandHandler
    public OAuthClient(RegisterClientCommand command, Clock clock) {
        Rules.require(command.name() != null && !command.name().isBlank(), "invalid_client_metadata",
                "client_name is required");
        Rules.require(command.grantTypes() != null && !command.grantTypes().isEmpty()
                        && SUPPORTED_GRANT_TYPES.containsAll(command.grantTypes()),
                "invalid_client_metadata", "grant_types must be a non-empty subset of " + SUPPORTED_GRANT_TYPES);
        Rules.require(SUPPORTED_AUTH_METHODS.contains(command.tokenEndpointAuthMethod()),
                "invalid_client_metadata", "unsupported token_endpoint_auth_method");
        boolean isPublic = command.type() == ClientType.PUBLIC;
        Rules.require(isPublic == "none".equals(command.tokenEndpointAuthMethod()), "invalid_client_metadata",
                "public clients use token_endpoint_auth_method none, confidential clients a secret");
        boolean keyClient = "private_key_jwt".equals(command.tokenEndpointAuthMethod());
        Rules.require(isPublic || keyClient || command.secretHash() != null, "invalid_client_metadata",
                "a confidential client needs a secret");
        Rules.require(!keyClient || ClientKeys.validPublicJwks(command.jwks()), "invalid_client_metadata",
                "private_key_jwt requires jwks: public EC P-256, RSA (2048 bits or more) or Ed25519 keys only "
                        + "(RFC 7591 §2, RFC 7523 §2.2)");
        Rules.require(!isPublic || !command.grantTypes().contains("client_credentials"), "invalid_client_metadata",
                "client_credentials requires a confidential client (RFC 6749 §4.4)");
        List<String> redirectUris = command.redirectUris() == null ? List.of() : command.redirectUris();
        Rules.require(!command.grantTypes().contains("authorization_code") || !redirectUris.isEmpty(),
                "invalid_redirect_uri", "authorization_code clients must register redirect_uris");
        redirectUris.forEach(OAuthClient::checkRedirectUri);
        String format = command.accessTokenFormat() == null ? ClientRegistered.JWT : command.accessTokenFormat();
        Rules.require(ACCESS_TOKEN_FORMATS.contains(format), "invalid_client_metadata",
                "access_token_format must be jwt or opaque");
        apply(new ClientRegistered(command.clientId(), command.name().strip(), command.type(),
                command.secretHash(), command.tokenEndpointAuthMethod(), List.copyOf(redirectUris),
                List.copyOf(command.grantTypes()), command.scopes() == null ? List.of() : List.copyOf(command.scopes()),
                command.siteUri(), clock.instant(), format, keyClient ? command.jwks() : null));
    }

    /** RFC 6749 §3.1.2: absolute, no fragment; RFC 9700 §2.1: compared exactly, so no wildcards. */
    private static void checkRedirectUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new io.kizuna.api.LedgerRejection("invalid_redirect_uri", "redirect_uri is not a URI: " + value);
        }
        Rules.require(uri.isAbsolute(), "invalid_redirect_uri", "redirect_uri must be absolute (RFC 6749 §3.1.2)");
        Rules.require(uri.getFragment() == null, "invalid_redirect_uri",
                "redirect_uri must not contain a fragment (RFC 6749 §3.1.2)");
        Rules.require(!value.contains("*"), "invalid_redirect_uri", "wildcards are not allowed (RFC 9700 §2.1)");
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        this.clientId = event.clientId();
    }
}
