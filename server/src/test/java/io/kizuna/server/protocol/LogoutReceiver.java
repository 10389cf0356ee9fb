package io.kizuna.server.protocol;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Relying Party's back-channel logout endpoint in the test JVM (OIDC Back-Channel Logout 1.0 §2.5, §2.8):
 * records every POST (content type and the {@code logout_token} form value), answers 200 — or first the
 * configured number of 503s, or holds the answer until released.
 */
final class LogoutReceiver implements AutoCloseable {
    record Received(String contentType, String logoutToken, String rawBody) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final HttpServer server;
    private volatile int failuresLeft;
    private volatile CountDownLatch hold;

    LogoutReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/backchannel-logout", exchange -> {
            attempts.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            CountDownLatch latch = hold;
            if (latch != null) {
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String token = null;
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("logout_token")) {
                    token = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), token, body));
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel-logout";
    }

    void failFirst(int count) {
        failuresLeft = count;
    }

    CountDownLatch holdAnswers() {
        hold = new CountDownLatch(1);
        return hold;
    }

    List<String> tokens() {
        return received.stream().map(Received::logoutToken).toList();
    }

    @Override
    public void close() {
        CountDownLatch latch = hold;
        if (latch != null) {
            latch.countDown();
        }
        server.stop(0);
    }
}
