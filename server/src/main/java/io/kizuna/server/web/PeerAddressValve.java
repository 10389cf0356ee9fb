package io.kizuna.server.web;

import io.kizuna.protocol.oauth2.mtls.ClientCertificates;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Records the TCP peer of each connection as a request attribute before the application sees the request.
 * With {@code server.forward-headers-strategy=native}, Tomcat replaces the remote address with the one a
 * proxy forwards; deciding whether to believe a proxy's client-certificate header (RFC 8705, see
 * {@link ClientCertificates}) must look at who actually connected.
 */
@Component
public class PeerAddressValve extends ValveBase implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    public PeerAddressValve() {
        super(true);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        request.setAttribute(ClientCertificates.PEER_ADDRESS_ATTRIBUTE, request.getPeerAddr());
        getNext().invoke(request, response);
    }
}
