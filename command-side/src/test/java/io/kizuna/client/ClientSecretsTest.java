package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 6749 §2.3.1: client secrets are checked against their keyed hash; the per-thread MAC gives the same hash. */
class ClientSecretsTest {
    final MasterKey master = MasterKey.random();
    final ClientSecrets secrets = new ClientSecrets(master);

    @Test
    @DisplayName("the reused per-thread HMAC equals a freshly keyed HMAC-SHA256 under the client-secret sub-key")
    void hashWhenReusedThenSameAsFreshHmac() {
        byte[] key = master.derive("kizuna/client-secret/v1");
        for (String secret : List.of("a", "bench-api-secret-change-me", secrets.generate(), "")) {
            assertThat(secrets.hash(secret)).isEqualTo(TokenHashes.hmac(key, secret));
            assertThat(secrets.hash(secret)).as("no state left over from the previous hash")
                    .isEqualTo(TokenHashes.hmac(key, secret));
        }
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: the right secret matches and a wrong one does not, from many threads at once")
    void matchesWhenConcurrentThenEachAnswerRight() throws Exception {
        String secret = secrets.generate();
        String stored = secrets.hash(secret);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> right = new ArrayList<>();
            List<Future<Boolean>> wrong = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                right.add(pool.submit(() -> secrets.matches(secret, stored)));
                wrong.add(pool.submit(() -> secrets.matches(secret + "x", stored)));
            }
            for (int i = 0; i < right.size(); i++) {
                assertThat(right.get(i).get()).isTrue();
                assertThat(wrong.get(i).get()).isFalse();
            }
            assertThat(secrets.matches(null, stored)).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
