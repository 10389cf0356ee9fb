package io.kizuna.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.net.OutboundGuard;
import io.kizuna.net.OutboundProperties;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** What the embedded default's profile (application-embedded.yml, README command 1) configures. */
class EmbeddedProfileTest {

    @Test
    @DisplayName("RFC 7591 §5 (SSRF guard): the embedded default lets its demo sites on localhost and 127.0.0.1 receive"
            + " Logout Tokens, and nothing else internal")
    void embeddedProfileAllowsOnlyTheDemoSitesLoopbackNames() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("embedded", new ClassPathResource("application-embedded.yml"))
                .forEach(source -> environment.getPropertySources().addFirst(source));
        OutboundProperties outbound = new Binder(ConfigurationPropertySources.get(environment))
                .bind("kizuna.outbound", OutboundProperties.class).get();
        assertThat(outbound.allowedHosts()).containsExactly("localhost", "127.0.0.1");

        OutboundGuard guard = new OutboundGuard(outbound);
        guard.check(URI.create("http://localhost:8081/backchannel-logout"));
        guard.check(URI.create("http://127.0.0.1:8083/backchannel-logout"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check(URI.create("http://10.0.0.5/x")))
                .isInstanceOf(OutboundGuard.Refused.class);
    }
}
