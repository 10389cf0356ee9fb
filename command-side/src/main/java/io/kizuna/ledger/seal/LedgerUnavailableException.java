package io.kizuna.ledger.seal;

/** The event store could not be read; the admin API answers 503 {@code ledger_unavailable}, never a 500. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
