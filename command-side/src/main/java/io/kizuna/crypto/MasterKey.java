package io.kizuna.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one secret from configuration that protects every other: it wraps per-member data keys and
 * signing keys at rest and derives the keyed hashes of client secrets. A cloud KMS can replace it
 * behind the same derivation interface.
 */
public final class MasterKey {
    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 256 random bits)");
        }
        this.key = key.clone();
    }

    public static MasterKey ofBase64(String base64) {
        return new MasterKey(Base64.getDecoder().decode(base64.strip()));
    }

    /** Reads the key file, creating it with a fresh random key (owner-only permissions) when missing. */
    public static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return ofBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    public static MasterKey random() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return new MasterKey(fresh);
    }

    /** A purpose-bound 256-bit sub-key: HMAC-SHA256(master, purpose). */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
