package io.kizuna.protocol.oauth2.dpop;

import java.util.function.Supplier;

/**
 * The DPoP key of the token request being handled on this thread (RFC 9449 §5), for the token minter:
 * access tokens get {@code cnf.jkt} (§6), and a public client's refresh token is bound to the key too
 * ({@code bindRefreshTokens}, §5). Like the RFC 8707 resources, it travels for the duration of the
 * synchronous grant command ({@link #during}).
 */
public final class DPoPBinding {
    private static final ThreadLocal<DPoPBinding> CURRENT = new ThreadLocal<>();

    private final String jkt;
    private final boolean bindRefreshTokens;

    private DPoPBinding(String jkt, boolean bindRefreshTokens) {
        this.jkt = jkt;
        this.bindRefreshTokens = bindRefreshTokens;
    }

    /** Runs {@code work} with {@code jkt} bound; a null {@code jkt} runs it unbound (Bearer). */
    public static <T> T during(String jkt, boolean bindRefreshTokens, Supplier<T> work) {
        if (jkt == null) {
            return work.get();
        }
        DPoPBinding previous = CURRENT.get();
        CURRENT.set(new DPoPBinding(jkt, bindRefreshTokens));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The thumbprint access tokens minted now are bound to, or null. */
    public static String accessTokenJkt() {
        DPoPBinding binding = CURRENT.get();
        return binding == null ? null : binding.jkt;
    }

    /** The thumbprint refresh tokens minted now are bound to (public clients only), or null. */
    public static String refreshTokenJkt() {
        DPoPBinding binding = CURRENT.get();
        return binding == null || !binding.bindRefreshTokens ? null : binding.jkt;
    }
}
