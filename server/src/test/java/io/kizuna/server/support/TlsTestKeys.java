package io.kizuna.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys for the tests of Kizuna's own HTTPS connector ({@code kizuna.tls.*}), made fresh per JVM with the JDK's
 * {@code keytool}: the server's RSA key and certificate for {@code localhost} (a PKCS#12 file the shared test
 * context is configured with), and self-signed EC client certificates. Nothing is checked in.
 */
public final class TlsTestKeys {
    public static final String PASSWORD = "kizuna-test-tls";
    private static Path directory;
    private static Path server;

    private TlsTestKeys() {
    }

    /** The server's PKCS#12 keystore: an RSA key (the FAPI 1.0 Advanced §8.5 TLS 1.2 suites are *_RSA_*). */
    public static synchronized Path serverKeystore() {
        if (server == null) {
            server = keytool("server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        }
        return server;
    }

    /** A new PKCS#12 keystore with a self-signed EC P-256 client certificate whose subject is {@code CN=cn}. */
    public static synchronized Path clientKeystore(String cn) {
        return keytool("client-" + cn, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn);
    }

    /** The certificate in a keystore made here. */
    public static X509Certificate certificate(Path keystore) {
        try {
            return (X509Certificate) load(keystore).getCertificate("key");
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS client context that trusts only the test server's certificate and, when {@code clientKeystore}
     * is not null, presents that client certificate when asked.
     */
    public static SSLContext clientContext(Path clientKeystore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(serverKeystore()));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore clientStore = KeyStore.getInstance("PKCS12");
            clientStore.load(null, null);
            if (clientKeystore != null) {
                clientStore = load(clientKeystore);
            }
            keys.init(clientStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path keytool(String name, String... options) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("kizuna-tls-");
                directory.toFile().deleteOnExit();
            }
            Path file = directory.resolve(name + "-" + System.nanoTime() + ".p12");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "key", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
