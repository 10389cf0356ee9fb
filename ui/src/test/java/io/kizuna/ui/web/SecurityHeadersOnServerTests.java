package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In a real servlet container, where error pages are rendered by a second (error) dispatch. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersOnServerTests {

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void errorResponsesOfTheWholeApplicationCarryTheHeaders() throws Exception {
        HttpResponse<String> notFound = get("/no-such-page");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(notFound.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(notFound.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(notFound.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeadersFilter.CSP);
    }

    @Test
    void pagesServedByTheContainerCarryTheHeadersAndJapanese() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
                    .header("Accept-Language", "ja").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body()).contains("<html lang=\"ja\"", "メールアドレス");
        }
    }
}
