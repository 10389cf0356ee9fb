package io.kizuna.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.config.KizunaProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service provider discovery (RFC 7644 §4): {@code /ServiceProviderConfig} (RFC 7643 §5),
 * {@code /ResourceTypes} (§6) and {@code /Schemas} (§7), generated from what the endpoints really do.
 * They describe no one, so they need no token.
 */
@RestController
@RequestMapping(path = Scim.BASE, produces = {Scim.MEDIA_TYPE, "application/json"})
public class ScimDiscovery {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final String base;

    public ScimDiscovery(KizunaProperties properties) {
        this.base = properties.issuer() + Scim.BASE;
    }

    @GetMapping("/ServiceProviderConfig")
    public ResponseEntity<ObjectNode> serviceProviderConfig() {
        ObjectNode c = F.objectNode();
        c.putArray("schemas").add(Scim.SERVICE_PROVIDER_CONFIG);
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", true).put("maxOperations", Scim.BULK_MAX_OPERATIONS)
                .put("maxPayloadSize", Scim.BULK_MAX_PAYLOAD);
        c.putObject("filter").put("supported", true).put("maxResults", Scim.MAX_RESULTS);
        c.putObject("changePassword").put("supported", true);
        c.putObject("sort").put("supported", true);
        c.putObject("etag").put("supported", true);
        ObjectNode scheme = c.putArray("authenticationSchemes").addObject();
        scheme.put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A client-credentials access token (RFC 6749 §4.4) with the scope \"scim\", "
                        + "sent as Authorization: Bearer (RFC 6750)")
                .put("specUri", "https://www.rfc-editor.org/info/rfc6750").put("primary", true);
        c.set("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return ScimEndpoint.ok(c);
    }

    @GetMapping("/ResourceTypes")
    public ResponseEntity<ObjectNode> resourceTypes() {
        return ScimEndpoint.ok(list(List.of(userType(), groupType())));
    }

    @GetMapping("/ResourceTypes/{name}")
    public ResponseEntity<ObjectNode> resourceType(@PathVariable String name) {
        return switch (name) {
            case "User" -> ScimEndpoint.ok(userType());
            case "Group" -> ScimEndpoint.ok(groupType());
            default -> throw ScimException.notFound("no resource type " + name);
        };
    }

    @GetMapping("/Schemas")
    public ResponseEntity<ObjectNode> schemas() {
        return ScimEndpoint.ok(list(List.of(userSchema(), groupSchema(), enterpriseSchema())));
    }

    @GetMapping("/Schemas/{id}")
    public ResponseEntity<ObjectNode> schema(@PathVariable String id) {
        for (ObjectNode s : List.of(userSchema(), groupSchema(), enterpriseSchema())) {
            if (s.get("id").asText().equals(id)) {
                return ScimEndpoint.ok(s);
            }
        }
        throw ScimException.notFound("no schema " + id);
    }

    private ObjectNode list(List<ObjectNode> resources) {
        ObjectNode l = F.objectNode();
        l.putArray("schemas").add(Scim.LIST_RESPONSE);
        l.put("totalResults", resources.size());
        l.put("startIndex", 1);
        l.put("itemsPerPage", resources.size());
        ArrayNode r = l.putArray("Resources");
        resources.forEach(r::add);
        return l;
    }

    private ObjectNode meta(String type, String location) {
        return F.objectNode().put("resourceType", type).put("location", location);
    }

    private ObjectNode userType() {
        ObjectNode t = F.objectNode();
        t.putArray("schemas").add(Scim.RESOURCE_TYPE);
        t.put("id", "User").put("name", "User").put("endpoint", "/Users")
                .put("description", "A Kizuna member provisioned by an HR / directory system").put("schema", Scim.USER);
        t.putArray("schemaExtensions").addObject().put("schema", Scim.ENTERPRISE_USER).put("required", false);
        t.set("meta", meta("ResourceType", base + "/ResourceTypes/User"));
        return t;
    }

    private ObjectNode groupType() {
        ObjectNode t = F.objectNode();
        t.putArray("schemas").add(Scim.RESOURCE_TYPE);
        t.put("id", "Group").put("name", "Group").put("endpoint", "/Groups")
                .put("description", "A directory group of provisioned members").put("schema", Scim.GROUP);
        t.set("meta", meta("ResourceType", base + "/ResourceTypes/Group"));
        return t;
    }

    private ObjectNode schema(String id, String name, String description) {
        ObjectNode s = F.objectNode();
        s.putArray("schemas").add(Scim.SCHEMA);
        s.put("id", id).put("name", name).put("description", description);
        s.set("meta", meta("Schema", base + "/Schemas/" + id));
        return s;
    }

    private static ObjectNode attribute(String name, String type, boolean multi, String mutability, String returned,
                                        boolean caseExact, String uniqueness, boolean required) {
        ObjectNode a = F.objectNode();
        a.put("name", name).put("type", type).put("multiValued", multi).put("required", required)
                .put("caseExact", caseExact).put("mutability", mutability).put("returned", returned)
                .put("uniqueness", uniqueness);
        return a;
    }

    private static void describe(ArrayNode out, Map<String, ScimUserSchema.Attr> attrs) {
        for (ScimUserSchema.Attr attr : attrs.values()) {
            boolean userName = attr.name().equals("userName");
            String type = switch (attr.kind()) {
                case STRING -> attr.name().equals("profileUrl") || attr.name().equals("$ref") ? "reference" : "string";
                case BOOLEAN -> "boolean";
                case COMPLEX, MULTI -> "complex";
            };
            ObjectNode a = attribute(attr.name(), type, attr.kind() == ScimUserSchema.Kind.MULTI, "readWrite",
                    "default", attr.name().equals("externalId"),
                    userName ? "server" : attr.name().equals("externalId") ? "server" : "none", userName);
            if (!attr.subs().isEmpty()) {
                describe(a.putArray("subAttributes"), attr.subs());
            }
            out.add(a);
        }
    }

    private ObjectNode userSchema() {
        ObjectNode s = schema(Scim.USER, "User", "User Account (RFC 7643 §4.1)");
        ArrayNode attrs = s.putArray("attributes");
        describe(attrs, ScimUserSchema.CORE);
        attrs.add(attribute("active", "boolean", false, "readWrite", "default", false, "none", false)
                .put("description", "false: the member cannot sign in; their sessions end and grants are revoked"));
        attrs.add(attribute("password", "string", false, "writeOnly", "never", false, "none", false));
        ObjectNode groups = attribute("groups", "complex", true, "readOnly", "default", false, "none", false);
        ArrayNode subs = groups.putArray("subAttributes");
        subs.add(attribute("value", "string", false, "readOnly", "default", false, "none", false));
        subs.add(attribute("$ref", "reference", false, "readOnly", "default", false, "none", false));
        subs.add(attribute("display", "string", false, "readOnly", "default", false, "none", false));
        subs.add(attribute("type", "string", false, "readOnly", "default", false, "none", false));
        attrs.add(groups);
        return s;
    }

    private ObjectNode enterpriseSchema() {
        ObjectNode s = schema(Scim.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User (RFC 7643 §4.3)");
        describe(s.putArray("attributes"), ScimUserSchema.ENTERPRISE);
        return s;
    }

    private ObjectNode groupSchema() {
        ObjectNode s = schema(Scim.GROUP, "Group", "Group (RFC 7643 §4.2)");
        ArrayNode attrs = s.putArray("attributes");
        attrs.add(attribute("displayName", "string", false, "readWrite", "default", false, "none", true));
        attrs.add(attribute("externalId", "string", false, "readWrite", "default", true, "none", false));
        ObjectNode members = attribute("members", "complex", true, "readWrite", "default", false, "none", false);
        ArrayNode subs = members.putArray("subAttributes");
        subs.add(attribute("value", "string", false, "immutable", "default", false, "none", false));
        subs.add(attribute("$ref", "reference", false, "immutable", "default", false, "none", false));
        subs.add(attribute("type", "string", false, "immutable", "default", false, "none", false));
        attrs.add(members);
        return s;
    }
}
