package io.kizuna.ledger.seal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What a walk of the whole chain found. {@code intact} is true only when every sealed event recomputes
 * to its stored link and no event older than the sealer's position is missing from the chain.
 *
 * @param eventsVerified  links recomputed and found equal before the first break (all of them if intact)
 * @param firstBreak      the first problem in seal order, null when intact
 * @param lastSealed      the head of the chain as seen by this walk (null for an empty ledger)
 * @param sealerPosition  highest global index the sealer has processed (events above it are pending)
 * @param pendingEvents   stored events not sealed yet because the sealer has not reached them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(boolean intact,
                                 long eventsVerified,
                                 Break firstBreak,
                                 Link lastSealed,
                                 Long sealerPosition,
                                 long pendingEvents,
                                 Instant verifiedAt,
                                 long durationMillis) {

    /** Stable codes of what can break; docs/auditing.md explains each. */
    public enum Code {
        /** Recomputed link differs: a field, the payload or the metadata of this event (or its seal) changed, or rows were swapped. */
        link_mismatch,
        /** A seal points at a global index where no event is stored any more: the event was deleted. */
        event_missing,
        /** Seal sequences are not contiguous: a seal (and probably its event) was deleted. */
        seal_missing,
        /** An event the sealer has already passed has no seal: it was inserted behind the sealer's back. */
        event_unsealed,
        /** The chain no longer contains the link a signed checkpoint vouched for (rewritten or truncated). */
        checkpoint_mismatch
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Break(Code code, Long sealSequence, Long globalIndex, String eventIdentifier, String description) {
    }

    public record Link(long sealSequence, long globalIndex, String eventIdentifier, String linkHash) {
    }
}
