package io.kizuna.ledger.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain's arithmetic, with no I/O so that the sealer, the verifier, the benchmark and an
 * auditor's own re-implementation agree byte for byte (docs/auditing.md states the same rules):
 *
 * <pre>
 * link(1) = SHA-256(32 zero bytes || canonical(event 1))
 * link(n) = SHA-256(link(n-1)     || canonical(event n))
 * canonical = "kizuna-ledger-link-v1" then, each as a 4-byte big-endian length + UTF-8 bytes
 *             (length 0xFFFFFFFF for SQL NULL): global index, event identifier, aggregate identifier,
 *             sequence number, aggregate type, payload type, payload revision, timestamp,
 *             then SHA-256(payload) and SHA-256(metadata) the same way (NULL metadata as NULL)
 * </pre>
 *
 * The payload and metadata enter as digests so an auditor can compare them without handling the
 * (sealed) personal data, and a forgotten member's ciphertext keeps verifying: only the key is gone.
 * Not thread-safe: one instance per walker.
 */
public final class LedgerLink {
    public static final int HASH_BYTES = 32;
    private static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final byte[] DOMAIN = "kizuna-ledger-link-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest chain = sha256();
    private final MessageDigest content = sha256();
    private final ByteBuffer length = ByteBuffer.allocate(4);

    /** The link of {@code event} after {@code previous} (null for the first event of the ledger). */
    public byte[] next(byte[] previous, StoredEvent event) {
        chain.reset();
        chain.update(previous == null ? GENESIS : previous);
        chain.update(DOMAIN);
        field(Long.toString(event.globalIndex()));
        field(event.eventIdentifier());
        field(event.aggregateIdentifier());
        field(Long.toString(event.sequenceNumber()));
        field(event.aggregateType());
        field(event.payloadType());
        field(event.payloadRevision());
        field(event.timestamp());
        digestField(event.payload());
        digestField(event.metadata());
        return chain.digest();
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
    }

    private void field(String value) {
        if (value == null) {
            lengthPrefix(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        lengthPrefix(bytes.length);
        chain.update(bytes);
    }

    private void digestField(byte[] value) {
        if (value == null) {
            lengthPrefix(-1);
            return;
        }
        content.reset();
        lengthPrefix(HASH_BYTES);
        chain.update(content.digest(value));
    }

    private void lengthPrefix(int n) {
        length.clear();
        length.putInt(n);
        chain.update(length.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
