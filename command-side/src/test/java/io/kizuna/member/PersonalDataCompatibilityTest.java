package io.kizuna.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.StandardClaims;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Personal data sealed before the standard claims existed still opens; new data round-trips whole. */
class PersonalDataCompatibilityTest {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    @DisplayName("data sealed before OIDC Core §5.1 standard claims were added decodes with none; the new member round-trips")
    void oldSealedJsonDecodesAndNewRoundTrips() throws Exception {
        PersonalData old = JSON.readValue("""
                {"email":"a@example.jp","emailVerified":true,"name":"A","locale":"ja","phoneNumber":"03-0000-0000",
                 "address":null}""", PersonalData.class);
        assertThat(old.standard()).isEqualTo(StandardClaims.EMPTY);
        assertThat(old.phoneNumber()).isEqualTo("03-0000-0000");
        PersonalData oldest = JSON.readValue("{\"email\":\"b@example.jp\",\"emailVerified\":false,\"name\":\"B\","
                + "\"locale\":\"en\"}", PersonalData.class);
        assertThat(oldest.standard().givenName()).isNull();

        PersonalData full = old.withStandard(new StandardClaims("花子", "山田", null, null, null, null, null, null,
                null, "0000-04-01", "Asia/Tokyo", false, null, null, null, "100-0001", "Japan", 1_764_000_000L));
        assertThat(JSON.readValue(JSON.writeValueAsBytes(full), PersonalData.class)).isEqualTo(full);
    }
}
