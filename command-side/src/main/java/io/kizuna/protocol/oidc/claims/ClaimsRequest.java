package io.kizuna.protocol.oidc.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code claims} request parameter (OIDC Core §5.5): a JSON object whose {@code userinfo} and
 * {@code id_token} members name individual claims, each {@code null} or an object with {@code essential},
 * {@code value} or {@code values} (§5.5.1). Parsed strictly: anything else is {@code invalid_request}.
 * Kizuna releases the member claims asked for ({@link MemberClaimNames}) that the granted scope covers or
 * that the member approved one by one on the consent screen ({@link ClaimsRelease}); an essential {@code acr}
 * with {@code value}/{@code values} is read as {@code acr_values} (§5.5.1.1). Unknown claims are ignored.
 * {@code idTokenSpecs}/{@code userinfoSpecs} keep each claim's {@code essential} flag and its {@code value}
 * and {@code values} (one list) in request order.
 */
public record ClaimsRequest(List<String> idTokenClaims, List<String> userinfoClaims, List<String> acrValues,
                            boolean acrEssential, String json, Map<String, Spec> idTokenSpecs,
                            Map<String, Spec> userinfoSpecs) {

    /** One requested claim (OIDC Core §5.5.1): {@code values} joins {@code value} and {@code values}; empty for any. */
    public record Spec(boolean essential, List<JsonNode> values) {
        static final Spec ANY = new Spec(false, List.of());

        /** Whether {@code actual} (a claim value as released) is acceptable: no values asked for, or one of them. */
        public boolean accepts(Object actual) {
            if (values.isEmpty()) {
                return true;
            }
            JsonNode node = actual == null ? null : JSON.valueToTree(actual);
            return node != null && values.contains(node);
        }
    }
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int MAX_LENGTH = 4096;

    public static ClaimsRequest parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw OAuthException.invalidRequest("the claims parameter is too long");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (Exception e) {
            throw OAuthException.invalidRequest("the claims parameter is not JSON (OIDC Core §5.5)");
        }
        if (root == null || !root.isObject()) {
            throw OAuthException.invalidRequest("the claims parameter must be a JSON object (OIDC Core §5.5)");
        }
        List<String> idToken = new ArrayList<>();
        List<String> userinfo = new ArrayList<>();
        List<String> acr = new ArrayList<>();
        Map<String, Spec> idTokenSpecs = new LinkedHashMap<>();
        Map<String, Spec> userinfoSpecs = new LinkedHashMap<>();
        boolean[] essential = {false};
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            List<String> target = switch (member.getKey()) {
                case "id_token" -> idToken;
                case "userinfo" -> userinfo;
                default -> null; // §5.5: other members are ignored
            };
            if (target == null) {
                continue;
            }
            if (!member.getValue().isObject()) {
                throw OAuthException.invalidRequest("claims." + member.getKey() + " must be a JSON object (OIDC Core §5.5)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> claims = member.getValue().fields(); claims.hasNext(); ) {
                Map.Entry<String, JsonNode> claim = claims.next();
                JsonNode spec = claim.getValue();
                if (!spec.isNull() && !spec.isObject()) {
                    throw OAuthException.invalidRequest("each requested claim is null or an object (OIDC Core §5.5.1)");
                }
                if (spec.isObject()) {
                    if (spec.has("essential") && !spec.get("essential").isBoolean()) {
                        throw OAuthException.invalidRequest("essential must be true or false (OIDC Core §5.5.1)");
                    }
                    if (spec.has("values") && !spec.get("values").isArray()) {
                        throw OAuthException.invalidRequest("values must be an array (OIDC Core §5.5.1)");
                    }
                }
                target.add(claim.getKey());
                List<JsonNode> values = new ArrayList<>();
                if (spec.isObject() && spec.has("value")) {
                    values.add(spec.get("value"));
                }
                if (spec.isObject() && spec.has("values")) {
                    spec.get("values").forEach(values::add);
                }
                (target == idToken ? idTokenSpecs : userinfoSpecs).put(claim.getKey(),
                        new Spec(spec.isObject() && spec.path("essential").asBoolean(false), List.copyOf(values)));
                if ("acr".equals(claim.getKey()) && spec.isObject()) {
                    essential[0] |= spec.path("essential").asBoolean(false);
                    if (spec.hasNonNull("value")) {
                        acr.add(spec.get("value").asText());
                    }
                    if (spec.has("values")) {
                        spec.get("values").forEach(v -> acr.add(v.asText()));
                    }
                }
            }
        }
        ObjectNode canonical = (ObjectNode) root;
        return new ClaimsRequest(List.copyOf(idToken), List.copyOf(userinfo), List.copyOf(acr), essential[0],
                canonical.toString(), java.util.Collections.unmodifiableMap(idTokenSpecs),
                java.util.Collections.unmodifiableMap(userinfoSpecs));
    }
}
