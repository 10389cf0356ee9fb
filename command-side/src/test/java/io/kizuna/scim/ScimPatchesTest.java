package io.kizuna.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.5.2 PATCH rules through the SDK, without a server. */
class ScimPatchesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode user() throws Exception {
        return ScimPatches.caseIgnoring((ObjectNode) JSON.readTree("""
                {"userName":"a","emails":[{"type":"work","value":"w@x.example"}],"name":{"givenName":"A"}}"""));
    }

    static PatchRequest request(String operations) throws Exception {
        return ScimPatches.parse(JSON.readTree("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":" + operations + "}"));
    }

    @Test
    @DisplayName("§3.5.2.3: replace through a value filter that selects nothing → noTarget; one that selects → replaced")
    void replaceNeedsATarget() throws Exception {
        ObjectNode node = user();
        assertThatThrownBy(() -> ScimPatches.apply(request(
                "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x\"}]"), node))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("noTarget"));
        ScimPatches.apply(request("[{\"op\":\"replace\",\"path\":\"EMAILS[type eq \\\"work\\\"].value\",\"value\":\"y\"}]"),
                node);
        assertThat(node.get("emails").get(0).get("value").asText()).isEqualTo("y");
    }

    @Test
    @DisplayName("§3.5.2.2: remove without a path → noTarget; §3.5.2: a request without the PatchOp schema → invalidValue")
    void removeNeedsAPath() {
        assertThatThrownBy(() -> request("[{\"op\":\"remove\"}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("noTarget"));
        assertThatThrownBy(() -> ScimPatches.parse(JSON.readTree("{\"Operations\":[{\"op\":\"add\",\"value\":{}}]}")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    @Test
    @DisplayName("§3.5.2.1: add without a path merges the value's attributes; sub-attribute paths in any case")
    void addMerges() throws Exception {
        ObjectNode node = user();
        ScimPatches.apply(request("[{\"op\":\"add\",\"value\":{\"title\":\"T\"}},"
                + "{\"op\":\"replace\",\"path\":\"Name.GivenName\",\"value\":\"B\"}]"), node);
        assertThat(node.get("title").asText()).isEqualTo("T");
        assertThat(node.get("name").get("givenName").asText()).isEqualTo("B");
    }
}
