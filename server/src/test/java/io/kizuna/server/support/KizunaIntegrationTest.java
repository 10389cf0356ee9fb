package io.kizuna.server.support;

import io.kizuna.server.KizunaServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole Kizuna server (with the demo sites) on fixed free ports against the real servers of
 * {@link TestPlatform}. All test classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = KizunaServer.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "kizuna.secure-cookies=false",
            "kizuna.admin-token=test-admin-token",
            // the admin console's administrators: the demo one, and one that AdminConsoleIT enrols TOTP for
            "kizuna.admin.members=admin@kizuna.example,admin-it@example.jp",
            // SHA-256 (base64url) of Api.INITIAL_ACCESS_TOKEN, "test-initial-access-token" (RFC 7591 §3)
            "kizuna.registration.initial-access-tokens=jHyDGuFEYMuxhu0Oq7D5MP38oTb4fm5SyvxOrltRU-U",
            "kizuna.demo.enabled=true",
            // the company network of the policy tests; X-Forwarded-For from loopback proxies is honoured
            "kizuna.policy.trusted-networks=127.0.0.0/8,::1/128",
            "kizuna.policy.otp-outside-trusted-networks=true",
            "server.forward-headers-strategy=native",
            // resource audiences (RFC 8707, RFC 9068 §3): ledger:* reach the ledger API, whose resource
            // server introspects as ledger-resource-server; DCR may ask for the api:* test scopes too
            "kizuna.oauth.resource-servers[0].uri=https://ledger-api.kizuna.example",
            "kizuna.oauth.resource-servers[0].scopes=ledger:read,ledger:write",
            "kizuna.oauth.resource-servers[0].introspecting-clients=ledger-resource-server",
            "kizuna.registration.allowed-scopes=openid,profile,email,phone,address,offline_access,api:read,api:write,ledger:read",
            // mutual TLS (RFC 8705) behind a TLS-terminating proxy on loopback, as nginx would forward it
            "kizuna.mtls.certificate-header=X-SSL-Client-Cert",
            "kizuna.mtls.trusted-proxies=127.0.0.1/32,::1/128",
            // ResponseProtectionIT serves client jwks_uri documents from a loopback http server
            "kizuna.client-keys.allow-http-jwks-uri=true",
            // RequestObjectEncryptionAndReferenceIT serves request_uris from a loopback http server: named
            // "localhost" it is allow-listed (as localhost.emobix.co.uk is for the conformance suite), as
            // 127.0.0.1 it is not, so the SSRF guard can be seen refusing it
            "kizuna.request-uri.allow-http=true",
            "kizuna.request-uri.allowed-hosts=localhost",
            // the loopback servers of the tests (jwks_uri, back-channel logout and CIBA ping receivers on
            // 127.0.0.1, the demo sites on localhost) pass the SSRF guard, as in the embedded default; any other
            // loopback address is refused (ClientJwksUriIT shows it with 127.0.0.2)
            "kizuna.outbound.allowed-hosts=127.0.0.1,localhost",
            // the CIBA automated-approval device channel (off by default; AutomatedCibaApprovalIT)
            "kizuna.ciba.automated-approval.enabled=true",
            "kizuna.ciba.automated-approval.key=test-automated-approval-key-0123456789"
        })
@ContextConfiguration(initializers = TestPlatformInitializer.class)
// metrics exported as in production, so the operations dashboard's metrics can be checked
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
public @interface KizunaIntegrationTest {
}
