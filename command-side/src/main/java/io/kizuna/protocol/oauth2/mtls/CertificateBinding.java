package io.kizuna.protocol.oauth2.mtls;

import java.util.function.Supplier;

/**
 * The TLS client certificate the tokens of the token request being handled on this thread are bound to
 * (RFC 8705 §3), for the token minter: access tokens get {@code cnf.x5t#S256} (§3.1), and a public
 * client's refresh token is bound to the certificate too ({@code bindRefreshTokens}, §4). Like
 * {@link io.kizuna.protocol.oauth2.dpop.DPoPBinding}, it travels for the duration of the synchronous grant
 * command ({@link #during}). Separately, {@link #presented} is the thumbprint of whatever certificate the
 * request came with, bound or not — a refresh of a certificate-bound refresh token compares against it.
 */
public final class CertificateBinding {
    private static final ThreadLocal<CertificateBinding> CURRENT = new ThreadLocal<>();

    private final String presented;
    private final boolean bindAccessTokens;
    private final boolean bindRefreshTokens;

    private CertificateBinding(String presented, boolean bindAccessTokens, boolean bindRefreshTokens) {
        this.presented = presented;
        this.bindAccessTokens = bindAccessTokens;
        this.bindRefreshTokens = bindRefreshTokens;
    }

    /**
     * Runs {@code work} with the request's certificate thumbprint {@code x5tS256} known (null: the request
     * has no certificate); tokens are bound to it when {@code bind}, a public client's refresh tokens when
     * {@code bindRefreshTokens} as well.
     */
    public static <T> T during(String x5tS256, boolean bind, boolean bindRefreshTokens, Supplier<T> work) {
        if (x5tS256 == null) {
            return work.get();
        }
        CertificateBinding previous = CURRENT.get();
        CURRENT.set(new CertificateBinding(x5tS256, bind, bind && bindRefreshTokens));
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

    /** The {@code x5t#S256} access tokens minted now are bound to, or null. */
    public static String accessTokenThumbprint() {
        CertificateBinding binding = CURRENT.get();
        return binding == null || !binding.bindAccessTokens ? null : binding.presented;
    }

    /** The {@code x5t#S256} refresh tokens minted now are bound to (public clients only, §4), or null. */
    public static String refreshTokenThumbprint() {
        CertificateBinding binding = CURRENT.get();
        return binding == null || !binding.bindRefreshTokens ? null : binding.presented;
    }

    /** The {@code x5t#S256} of the certificate the current token request came with, or null. */
    public static String presented() {
        CertificateBinding binding = CURRENT.get();
        return binding == null ? null : binding.presented;
    }
}
