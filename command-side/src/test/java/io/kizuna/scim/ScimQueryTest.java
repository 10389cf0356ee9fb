package io.kizuna.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.4.2 query rules and RFC 7643 §2 attribute rules, without a server. */
class ScimQueryTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode alice() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"Alice@corp.example",
                 "name":{"givenName":"Alice","familyName":"Sato"},"active":true,
                 "emails":[{"value":"alice@corp.example","type":"work","primary":true},{"value":"a@home.example","type":"home"}],
                 "meta":{"resourceType":"User","created":"2026-11-27T03:00:00Z","version":"W/\\"3\\""}}""");
    }

    static boolean matches(String filter) throws Exception {
        return ScimQuery.of(filter, null, null, null, null, null, null).matches(alice());
    }

    @Test
    @DisplayName("§3.4.2.2 operators, grouping, not, value paths; attribute names and string values case-insensitive")
    void filters() throws Exception {
        assertThat(matches("userName eq \"alice@corp.example\"")).isTrue();
        assertThat(matches("USERNAME eq \"alice@corp.example\"")).isTrue();
        assertThat(matches("userName ne \"alice@corp.example\"")).isFalse();
        assertThat(matches("name.familyName co \"at\" and name.givenName sw \"Al\"")).isTrue();
        assertThat(matches("userName ew \"@corp.example\" and not (active eq false)")).isTrue();
        assertThat(matches("emails[type eq \"work\" and value co \"corp\"]")).isTrue();
        assertThat(matches("emails[type eq \"other\"]")).isFalse();
        assertThat(matches("title pr or emails.value ew \"home.example\"")).isTrue();
        assertThat(matches("meta.created gt \"2026-11-26T00:00:00Z\"")).isTrue();
        assertThat(matches("meta.created lt \"2026-11-26T00:00:00Z\"")).isFalse();
        assertThat(matches("NAME.GIVENNAME eq \"alice\"")).isTrue();
        assertThat(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"alice\"")).isTrue();
    }

    @Test
    @DisplayName("§3.4.2.2: a malformed filter is 400 invalidFilter")
    void malformedFilter() {
        for (String bad : List.of("userName eq", "userName xx \"a\"", "(userName eq \"a\"", "userName eq \"a\" and")) {
            assertThatThrownBy(() -> ScimQuery.of(bad, null, null, null, null, null, null))
                    .isInstanceOfSatisfying(ScimException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.scimType()).isEqualTo("invalidFilter");
                    });
        }
    }

    @Test
    @DisplayName("§3.4.2.4: startIndex below 1 is 1, negative count is 0, count above the maximum is lowered")
    void paging() {
        ScimQuery q = ScimQuery.of(null, null, null, "0", "-3", null, null);
        assertThat(q.startIndex()).isEqualTo(1);
        assertThat(q.count()).isZero();
        assertThat(ScimQuery.of(null, null, null, null, "100000", null, null).count()).isEqualTo(Scim.MAX_RESULTS);
    }

    @Test
    @DisplayName("§3.4.2.5: attributes keep id and schemas; excludedAttributes never removes them")
    void projection() throws Exception {
        ObjectNode only = ScimQuery.projection("name.givenName,emails.value", null).project(alice(), Scim.USER);
        assertThat(only.fieldNames()).toIterable().containsExactly("schemas", "id", "name", "emails");
        assertThat(only.get("name").fieldNames()).toIterable().containsExactly("givenName");
        assertThat(only.get("emails").get(1).fieldNames()).toIterable().containsExactly("value");
        ObjectNode without = ScimQuery.projection(null, "id,emails,name.familyName").project(alice(), Scim.USER);
        assertThat(without.has("id")).isTrue();
        assertThat(without.has("emails")).isFalse();
        assertThat(without.get("name").has("familyName")).isFalse();
    }

    @Test
    @DisplayName("§3.14: weak ETags from meta.version; If-Match lists and * are understood")
    void etags() {
        assertThat(ScimQuery.etag(3)).isEqualTo("W/\"3\"");
        assertThat(ScimQuery.names("W/\"3\"", 3)).isTrue();
        assertThat(ScimQuery.names("\"3\"", 3)).isTrue();
        assertThat(ScimQuery.names("W/\"2\", W/\"3\"", 3)).isTrue();
        assertThat(ScimQuery.names("*", 7)).isTrue();
        assertThat(ScimQuery.names("W/\"2\"", 3)).isFalse();
    }

    @Test
    @DisplayName("RFC 7643 §2.1 / §2.4: canonical attribute case, readOnly ignored, one primary, userName required")
    void userSchema() throws Exception {
        ObjectNode entry = ScimUserSchema.toEntry(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"USERNAME":"bob","id":"ignored",
                 "meta":{"version":"x"},"Emails":[{"VALUE":"b@x.example","primary":true}],"unknown":1,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"Department":"R&D"}}"""));
        assertThat(entry.get("userName").asText()).isEqualTo("bob");
        assertThat(entry.has("id")).isFalse();
        assertThat(entry.has("meta")).isFalse();
        assertThat(entry.has("unknown")).isFalse();
        assertThat(entry.at("/emails/0/value").asText()).isEqualTo("b@x.example");
        assertThat(entry.get(Scim.ENTERPRISE_USER).get("department").asText()).isEqualTo("R&D");
        assertThat(ScimUserSchema.personalData(entry).email()).isEqualTo("b@x.example");
        assertThatThrownBy(() -> ScimUserSchema.toEntry(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"c",
                 "emails":[{"value":"a","primary":true},{"value":"b","primary":true}]}""")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
        assertThatThrownBy(() -> ScimUserSchema.toEntry(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":" "}""")))
                .isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> ScimUserSchema.toEntry(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"d","name":"not an object"}""")))
                .isInstanceOf(ScimException.class);
    }
}
