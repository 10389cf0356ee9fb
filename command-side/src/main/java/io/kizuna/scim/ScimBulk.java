package io.kizuna.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk operations (RFC 7644 §3.7): up to {@link Scim#BULK_MAX_OPERATIONS} operations and
 * {@link Scim#BULK_MAX_PAYLOAD} bytes (more → 413, §3.7.4). Each operation is its own transaction, as
 * the RFC does not make a bulk request atomic. {@code bulkId:…} references in paths and data are
 * resolved to the ids created earlier in the request (§3.7.2); operations are retried in passes so the
 * order of the request does not matter, and a reference that can never be resolved fails its operation
 * with 409. {@code failOnErrors} stops processing after that many errors (§3.7.3).
 */
@RestController
@RequestMapping(path = Scim.BASE, produces = {Scim.MEDIA_TYPE, "application/json"})
public class ScimBulk {
    private static final Pattern BULK_ID = Pattern.compile("bulkId:([^/\\s\"]+)");
    private static final Pattern PATH = Pattern.compile("^/(Users|Groups)(?:/([^/]+))?$");

    private final ScimBearer bearer;
    private final ScimUsers users;
    private final ScimGroups groups;
    private final ObjectMapper json;

    public ScimBulk(ScimBearer bearer, ScimUsers users, ScimGroups groups, ObjectMapper json) {
        this.bearer = bearer;
        this.users = users;
        this.groups = groups;
        this.json = json;
    }

    @PostMapping(path = "/Bulk")
    public ResponseEntity<ObjectNode> bulk(@RequestHeader(name = "Authorization", required = false) String auth,
                                           @RequestHeader(name = "Content-Type", required = false) String contentType,
                                           @RequestBody String raw) {
        String client = bearer.authenticate(auth);
        ScimEndpoint.requireJson(contentType);
        if (raw.getBytes(StandardCharsets.UTF_8).length > Scim.BULK_MAX_PAYLOAD) {
            throw new ScimException(413, null, "the bulk request exceeds maxPayloadSize " + Scim.BULK_MAX_PAYLOAD
                    + " bytes (RFC 7644 §3.7.4)");
        }
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ScimException.badRequest("invalidSyntax", "the request body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "a BulkRequest is required");
        }
        ScimUserSchema.requireSchema(body, Scim.BULK_REQUEST);
        JsonNode ops = ScimUserSchema.field(body, "Operations");
        if (ops == null || !ops.isArray()) {
            throw ScimException.badRequest("invalidSyntax", "Operations must be an array");
        }
        if (ops.size() > Scim.BULK_MAX_OPERATIONS) {
            throw new ScimException(413, null, "the bulk request exceeds maxOperations " + Scim.BULK_MAX_OPERATIONS
                    + " (RFC 7644 §3.7.4)");
        }
        JsonNode failOn = ScimUserSchema.field(body, "failOnErrors");
        if (failOn != null && !failOn.isNull() && (!failOn.isInt() || failOn.asInt() < 1)) {
            throw ScimException.badRequest("invalidValue", "failOnErrors must be a positive integer");
        }
        int failOnErrors = failOn == null || failOn.isNull() ? Integer.MAX_VALUE : failOn.asInt();

        Map<String, String> created = new HashMap<>(); // bulkId → id
        ObjectNode[] results = new ObjectNode[ops.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            pending.add(i);
        }
        int errors = 0;
        boolean progress = true;
        while (!pending.isEmpty() && progress && errors < failOnErrors) {
            progress = false;
            for (Iterator<Integer> it = pending.iterator(); it.hasNext() && errors < failOnErrors; ) {
                int i = it.next();
                JsonNode op = ops.get(i);
                if (!resolvable(op, created)) {
                    continue;
                }
                it.remove();
                progress = true;
                results[i] = run(op, created, client);
                if (results[i].path("status").asInt() >= 400) {
                    errors++;
                }
            }
        }
        if (errors < failOnErrors) {
            for (int i : pending) { // references that never resolved
                results[i] = failure(ops.get(i), new ScimException(409, "invalidValue",
                        "a bulkId reference cannot be resolved (RFC 7644 §3.7.2)"));
                if (++errors >= failOnErrors) {
                    break;
                }
            }
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putArray("schemas").add(Scim.BULK_RESPONSE);
        ArrayNode out = response.putArray("Operations");
        for (ObjectNode r : results) {
            if (r != null) {
                out.add(r);
            }
        }
        return ResponseEntity.ok().contentType(Scim.SCIM_JSON).cacheControl(CacheControl.noStore()).body(response);
    }

    private static boolean resolvable(JsonNode op, Map<String, String> created) {
        Matcher m = BULK_ID.matcher(op.toString());
        while (m.find()) {
            if (!created.containsKey(m.group(1))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> created) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            Matcher m = BULK_ID.matcher(node.asText());
            return m.matches() ? TextNode.valueOf(created.get(m.group(1))) : node;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> a.add(substitute(item, created)));
            return a;
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> o.set(f.getKey(), substitute(f.getValue(), created)));
            return o;
        }
        return node;
    }

    private ObjectNode run(JsonNode op, Map<String, String> created, String client) {
        try {
            String method = op.path("method").asText("");
            String bulkId = op.hasNonNull("bulkId") ? op.get("bulkId").asText() : null;
            String path = op.path("path").asText("");
            Matcher bm = BULK_ID.matcher(path);
            path = bm.find() ? path.replace(bm.group(0), created.get(bm.group(1))) : path;
            Matcher p = PATH.matcher(path);
            if (!p.matches()) {
                throw ScimException.badRequest("invalidValue", "path must be /Users, /Groups or one of their resources");
            }
            boolean user = p.group(1).equals("Users");
            String id = p.group(2);
            JsonNode data = substitute(op.get("data"), created);
            String version = op.hasNonNull("version") ? op.get("version").asText() : null;
            ObjectNode resource;
            int status;
            switch (method) {
                case "POST" -> {
                    if (id != null || bulkId == null || bulkId.isBlank()) {
                        throw ScimException.badRequest("invalidValue", "POST needs a bulkId and a collection path");
                    }
                    resource = user ? users.create(data, client) : groups.create(data, client);
                    created.put(bulkId, resource.get("id").asText());
                    status = 201;
                }
                case "PUT", "PATCH" -> {
                    if (id == null) {
                        throw ScimException.badRequest("invalidValue", method + " needs a resource path");
                    }
                    resource = method.equals("PUT")
                            ? (user ? users.replace(id, data, version, client) : groups.replace(id, data, version, client))
                            : (user ? users.patch(id, data, version, client) : groups.patch(id, data, version, client));
                    status = 200;
                }
                case "DELETE" -> {
                    if (id == null) {
                        throw ScimException.badRequest("invalidValue", "DELETE needs a resource path");
                    }
                    if (user) {
                        users.delete(id, version, client);
                    } else {
                        groups.delete(id, version, client);
                    }
                    resource = null;
                    status = 204;
                }
                default -> throw ScimException.badRequest("invalidValue", "method must be POST, PUT, PATCH or DELETE");
            }
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            r.put("method", method);
            if (bulkId != null) {
                r.put("bulkId", bulkId);
            }
            if (resource != null) {
                r.put("location", resource.get("meta").get("location").asText());
                r.put("version", resource.get("meta").get("version").asText());
            } else {
                r.put("location", op.path("path").asText());
            }
            r.put("status", Integer.toString(status));
            return r;
        } catch (RuntimeException e) {
            return failure(op, ScimErrors.translate(e));
        }
    }

    private static ObjectNode failure(JsonNode op, ScimException e) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("method", op.path("method").asText(""));
        if (op.hasNonNull("bulkId")) {
            r.put("bulkId", op.get("bulkId").asText());
        }
        r.put("status", Integer.toString(e.status()));
        r.set("response", ScimErrors.body(e.status(), e.scimType(), e.getMessage()));
        return r;
    }
}
