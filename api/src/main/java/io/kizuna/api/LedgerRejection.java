package io.kizuna.api;

/**
 * A command refused by an aggregate rule, carrying a stable error code (an OAuth error code where the
 * refusal maps to one, e.g. {@code invalid_grant}) and a human description safe to show a client.
 * Nothing was appended when this is thrown.
 */
public class LedgerRejection extends RuntimeException {
    private final String code;

    public LedgerRejection(String code, String description) {
        super(description);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String description() {
        return getMessage();
    }
}
