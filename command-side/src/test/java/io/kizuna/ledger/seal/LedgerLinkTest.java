package io.kizuna.ledger.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The link rules as docs/auditing.md states them. The expected hashes were computed by an independent
 * Python re-implementation (hashlib + struct), the same one the auditor's guide shows, so the code, the
 * documentation and an outside tool are held to one definition.
 */
class LedgerLinkTest {
    private static final StoredEvent FIRST = new StoredEvent(1, "evt-1", "member-1", 0, "Member",
            "io.kizuna.api.member.MemberRegistered", "1", "2026-11-26T00:00:00Z",
            "{\"memberId\":\"member-1\"}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    private static final StoredEvent SECOND = new StoredEvent(2, "evt-2", "member-1", 1, "Member",
            "io.kizuna.api.member.LoginSucceeded", null, "2026-11-26T00:00:01Z",
            "{\"memberId\":\"member-1\"}".getBytes(StandardCharsets.UTF_8), null);

    @Test
    @DisplayName("the first two links equal the documented reference vectors (NULL revision and metadata included)")
    void requestWhenReferenceEventsThenDocumentedLinks() {
        LedgerLink link = new LedgerLink();
        byte[] first = link.next(null, FIRST);
        byte[] second = link.next(first, SECOND);
        assertThat(LedgerLink.hex(first)).isEqualTo("f2c4eb352877f5bc9a7101c062d1353a09e678b5bc6bd141ee1c0e12449080c5");
        assertThat(LedgerLink.hex(second)).isEqualTo("540a53cf8abfa3a5394989181aba3ecacfb106a5e7ffc371716aea57da711076");
    }

    @Test
    @DisplayName("moving one byte between adjacent fields changes the link (fields are length-prefixed)")
    void requestWhenFieldBoundaryShiftedThenDifferentLink() {
        StoredEvent shifted = new StoredEvent(1, "evt-1m", "ember-1", 0, "Member", FIRST.payloadType(), "1",
                FIRST.timestamp(), FIRST.payload(), FIRST.metadata());
        LedgerLink link = new LedgerLink();
        assertThat(link.next(null, shifted)).isNotEqualTo(link.next(null, FIRST));
    }

    @Test
    @DisplayName("the same event after a different previous link gives a different link (order is covered)")
    void requestWhenPreviousLinkDiffersThenDifferentLink() {
        LedgerLink link = new LedgerLink();
        byte[] afterFirst = link.next(link.next(null, FIRST), SECOND);
        byte[] alone = link.next(null, SECOND);
        assertThat(afterFirst).isNotEqualTo(alone);
    }
}
