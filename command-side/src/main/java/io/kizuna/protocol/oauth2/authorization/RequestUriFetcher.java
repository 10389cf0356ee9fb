package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.protocol.oauth2.error.OAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Fetches a request object by reference (OIDC Core §6.2, RFC 9101 §5.2), defensively (RFC 9101 §10.4.1):
 * https only (http only with {@code kizuna.request-uri.allow-http}); never to a host that resolves to a
 * loopback, private, link-local, unique-local, shared (100.64/10), unspecified or multicast address unless
 * the host is named in {@code kizuna.request-uri.allowed-hosts}; no redirects; a connect and total
 * timeout; a size limit; only 200 with {@code Content-Type: application/oauth-authz-req+jwt} (RFC 9101
 * §5.2) or {@code application/jwt}. Every failure is {@code invalid_request_uri} with a description.
 *
 * <p>The address check runs on the addresses the host resolves to right before the fetch; a DNS answer
 * that changes between that check and the connection (rebinding) is not caught — the request_uri must
 * also be registered by the client, which bounds what can be reached.
 */
@Component
@EnableConfigurationProperties(RequestUriProperties.class)
public class RequestUriFetcher {
    static final String INVALID_REQUEST_URI = "invalid_request_uri";
    private static final Logger LOG = LoggerFactory.getLogger(RequestUriFetcher.class);
    private static final Set<String> TYPES = Set.of("application/oauth-authz-req+jwt", "application/jwt");
    /** Body reads block; each gets a virtual thread, so a slow client URL never holds a pool thread. */
    private static final java.util.concurrent.ExecutorService READERS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final RequestUriProperties properties;
    private final HttpClient http;
    private final io.kizuna.net.OutboundGuard guard;

    public RequestUriFetcher(RequestUriProperties properties) {
        this.properties = properties;
        this.guard = io.kizuna.net.OutboundGuard.withAllowList(properties.allowedHosts(),
                "kizuna.request-uri.allowed-hosts");
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /** The request object the URL serves (fragment dropped: it is never sent). */
    public String fetch(String requestUri) {
        URI uri;
        try {
            uri = new URI(io.kizuna.client.RequestObjectSettings.withoutFragment(requestUri));
        } catch (Exception e) {
            throw invalid("request_uri is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || (properties.allowHttp() && "http".equals(scheme))) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw invalid("request_uri must be an absolute https URL (OIDC Core section 6.2)");
        }
        try {
            guard.check(uri);
        } catch (io.kizuna.net.OutboundGuard.Refused e) {
            throw invalid("request_uri not fetched: " + e.getMessage() + " (RFC 9101 section 10.4.1)");
        }
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                .header("Accept", "application/oauth-authz-req+jwt, application/jwt").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw invalid("request_uri did not answer within " + properties.timeout().toMillis() + " ms");
        } catch (IOException e) {
            LOG.info("request_uri {} could not be fetched: {}", uri.getHost(), e.toString());
            throw invalid("request_uri could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("request_uri could not be fetched");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                throw invalid("request_uri answered with a redirect (HTTP " + status + "); redirects are not followed");
            }
            if (status != 200) {
                throw invalid("request_uri answered HTTP " + status + ", not 200");
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(mediaType)) {
                throw invalid("request_uri must be served as application/oauth-authz-req+jwt (RFC 9101 section 5.2) "
                        + "or application/jwt, not " + (mediaType.isEmpty() ? "without a Content-Type" : mediaType));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > properties.sizeLimit()) {
                throw tooLarge();
            }
            byte[] bytes = read(body, deadline);
            return new String(bytes, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw invalid("request_uri could not be read");
        }
    }

    private byte[] read(InputStream body, long deadline) throws IOException {
        int limit = properties.sizeLimit();
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readNBytes(limit + 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, READERS);
        byte[] bytes;
        try {
            bytes = reading.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.close();
            reading.cancel(true);
            throw invalid("request_uri did not answer within " + properties.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw invalid("request_uri could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("request_uri could not be read");
        }
        if (bytes.length > limit) {
            throw tooLarge();
        }
        return bytes;
    }

    private OAuthException tooLarge() {
        return invalid("the request object at request_uri is larger than " + properties.sizeLimit() + " bytes");
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(400, INVALID_REQUEST_URI, description);
    }
}
