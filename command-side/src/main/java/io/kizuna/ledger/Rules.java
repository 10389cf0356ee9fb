package io.kizuna.ledger;

import io.kizuna.api.LedgerRejection;

/** Aggregate guard clauses: refuse a command before anything is applied. */
public final class Rules {
    private Rules() {
    }

    public static void require(boolean condition, String code, String description) {
        if (!condition) {
            throw new LedgerRejection(code, description);
        }
    }
}
