package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.member.PersonalData;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The User attributes Kizuna keeps (RFC 7643 §4.1 and the enterprise extension §4.3) and how a request
 * body becomes a directory entry: attribute names are case-insensitive (§2.1) and stored in their
 * canonical case, values are type-checked (400 {@code invalidValue}), readOnly attributes (id, meta,
 * groups) are ignored (RFC 7644 §3.5.1), unknown attributes are ignored, and at most one value of a
 * multi-valued attribute is {@code primary} (§2.4). {@code active} and {@code password} are not part of
 * the entry: the member aggregate keeps the first, the credential lookup only a hash of the second.
 */
public final class ScimUserSchema {
    enum Kind { STRING, BOOLEAN, COMPLEX, MULTI }

    record Attr(String name, Kind kind, Map<String, Attr> subs) {
        static Attr string(String name) {
            return new Attr(name, Kind.STRING, Map.of());
        }
    }

    static final Map<String, Attr> CORE = new LinkedHashMap<>();
    static final Map<String, Attr> ENTERPRISE = new LinkedHashMap<>();

    static {
        for (String s : List.of("userName", "externalId", "displayName", "nickName", "profileUrl", "title",
                "userType", "preferredLanguage", "locale", "timezone")) {
            put(CORE, Attr.string(s));
        }
        put(CORE, complex("name", Kind.COMPLEX, "formatted", "familyName", "givenName", "middleName",
                "honorificPrefix", "honorificSuffix"));
        put(CORE, complex("emails", Kind.MULTI, "value", "display", "type", "primary"));
        put(CORE, complex("phoneNumbers", Kind.MULTI, "value", "display", "type", "primary"));
        put(CORE, complex("addresses", Kind.MULTI, "formatted", "streetAddress", "locality", "region",
                "postalCode", "country", "type", "primary"));
        put(CORE, complex("roles", Kind.MULTI, "value", "display", "type", "primary"));
        for (String s : List.of("employeeNumber", "costCenter", "organization", "division", "department")) {
            put(ENTERPRISE, Attr.string(s));
        }
        put(ENTERPRISE, complex("manager", Kind.COMPLEX, "value", "$ref", "displayName"));
    }

    private ScimUserSchema() {
    }

    private static void put(Map<String, Attr> map, Attr attr) {
        map.put(attr.name().toLowerCase(Locale.ROOT), attr);
    }

    private static Attr complex(String name, Kind kind, String... subs) {
        Map<String, Attr> map = new LinkedHashMap<>();
        for (String s : subs) {
            put(map, "primary".equals(s) ? new Attr(s, Kind.BOOLEAN, Map.of()) : Attr.string(s));
        }
        return new Attr(name, kind, map);
    }

    /** A request's User representation → the entry to seal. Requires {@code userName} (RFC 7643 §4.1.1). */
    public static ObjectNode toEntry(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "a User resource (JSON object) is required");
        }
        requireSchema(body, Scim.USER);
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        copy(body, CORE, entry, "");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(Scim.ENTERPRISE_USER) && !f.getValue().isNull()) {
                if (!f.getValue().isObject()) {
                    throw ScimException.badRequest("invalidValue", Scim.ENTERPRISE_USER + " must be an object");
                }
                ObjectNode ext = JsonNodeFactory.instance.objectNode();
                copy(f.getValue(), ENTERPRISE, ext, Scim.ENTERPRISE_USER + ":");
                if (!ext.isEmpty()) {
                    entry.set(Scim.ENTERPRISE_USER, ext);
                }
            }
        }
        String userName = entry.path("userName").asText("");
        if (userName.isBlank() || userName.length() > 256 || !userName.equals(userName.strip())) {
            throw ScimException.badRequest("invalidValue",
                    "userName is required: 1 to 256 characters without surrounding spaces");
        }
        if (entry.has("externalId") && (entry.get("externalId").asText().isBlank()
                || entry.get("externalId").asText().length() > 256)) {
            throw ScimException.badRequest("invalidValue", "externalId must be 1 to 256 characters");
        }
        return entry;
    }

    static void requireSchema(JsonNode body, String schema) {
        JsonNode schemas = body.get("schemas");
        boolean listed = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                listed |= schema.equalsIgnoreCase(s.asText());
            }
        }
        if (!listed) {
            throw ScimException.badRequest("invalidValue", "schemas must list " + schema + " (RFC 7643 §3)");
        }
    }

    /** {@code active} of a request, or {@code fallback} when absent (RFC 7643 §4.1.1). */
    public static boolean active(JsonNode body, boolean fallback) {
        JsonNode active = field(body, "active");
        if (active == null || active.isNull()) {
            return fallback;
        }
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        if (active.isTextual() && ("true".equalsIgnoreCase(active.asText()) || "false".equalsIgnoreCase(active.asText()))) {
            return Boolean.parseBoolean(active.asText().toLowerCase(Locale.ROOT)); // some HR connectors send "False"
        }
        throw ScimException.badRequest("invalidValue", "active must be a boolean");
    }

    /** The writeOnly {@code password} of a request (RFC 7643 §4.1.1), or null. */
    public static char[] password(JsonNode body) {
        JsonNode password = field(body, "password");
        if (password == null || password.isNull()) {
            return null;
        }
        if (!password.isTextual()) {
            throw ScimException.badRequest("invalidValue", "password must be a string");
        }
        return password.asText().toCharArray();
    }

    static JsonNode field(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    private static void copy(JsonNode from, Map<String, Attr> attrs, ObjectNode to, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Attr attr = attrs.get(f.getKey().toLowerCase(Locale.ROOT));
            if (attr == null || f.getValue().isNull()) {
                continue; // readOnly, unknown, or cleared
            }
            JsonNode v = f.getValue();
            String path = prefix + attr.name();
            switch (attr.kind()) {
                case STRING -> to.put(attr.name(), string(v, path));
                case BOOLEAN -> to.put(attr.name(), bool(v, path));
                case COMPLEX -> {
                    if (!v.isObject()) {
                        throw ScimException.badRequest("invalidValue", path + " must be an object");
                    }
                    ObjectNode sub = JsonNodeFactory.instance.objectNode();
                    copy(v, attr.subs(), sub, path + ".");
                    if (!sub.isEmpty()) {
                        to.set(attr.name(), sub);
                    }
                }
                case MULTI -> {
                    if (!v.isArray()) {
                        throw ScimException.badRequest("invalidValue", path + " must be an array");
                    }
                    ArrayNode values = JsonNodeFactory.instance.arrayNode();
                    int primaries = 0;
                    for (JsonNode item : v) {
                        if (!item.isObject()) {
                            throw ScimException.badRequest("invalidValue", path + " values must be objects");
                        }
                        ObjectNode sub = JsonNodeFactory.instance.objectNode();
                        copy(item, attr.subs(), sub, path + ".");
                        if (sub.path("primary").asBoolean(false)) {
                            primaries++;
                        }
                        if (!sub.isEmpty()) {
                            values.add(sub);
                        }
                    }
                    if (primaries > 1) {
                        throw ScimException.badRequest("invalidValue",
                                path + ": at most one value may be primary (RFC 7643 §2.4)");
                    }
                    if (values.size() > 50) {
                        throw ScimException.badRequest("invalidValue", path + ": at most 50 values");
                    }
                    if (!values.isEmpty()) {
                        to.set(attr.name(), values);
                    }
                }
            }
        }
    }

    private static String string(JsonNode v, String path) {
        if (!v.isTextual() || v.asText().length() > 1024) {
            throw ScimException.badRequest("invalidValue", path + " must be a string of at most 1024 characters");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode v, String path) {
        if (!v.isBoolean()) {
            throw ScimException.badRequest("invalidValue", path + " must be a boolean");
        }
        return v.booleanValue();
    }

    /**
     * What UserInfo and mails read: the primary (else first) e-mail, else the userName when it is an
     * address; the displayName, else name.formatted, else given and family name, else the userName; the
     * locale from preferredLanguage or locale. HR-asserted addresses are not marked verified.
     */
    public static PersonalData personalData(ObjectNode entry) {
        String email = null;
        for (JsonNode e : entry.path("emails")) {
            if (e.path("primary").asBoolean(false) || email == null) {
                if (e.hasNonNull("value")) {
                    email = e.get("value").asText();
                }
            }
        }
        String userName = entry.path("userName").asText();
        if (email == null && userName.contains("@")) {
            email = userName;
        }
        String name = text(entry, "displayName");
        if (name == null) {
            name = text(entry.path("name"), "formatted");
        }
        if (name == null) {
            String given = text(entry.path("name"), "givenName");
            String family = text(entry.path("name"), "familyName");
            name = given == null && family == null ? null
                    : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        }
        if (name == null || name.isBlank()) {
            name = userName;
        }
        String language = text(entry, "preferredLanguage");
        if (language == null) {
            language = text(entry, "locale");
        }
        String locale = language != null && language.toLowerCase(Locale.ROOT).startsWith("ja") ? "ja" : "en";
        // RFC 7643 §4.1 → OIDC Core §5.1: name parts, nickName, profileUrl, timezone (an IANA zone only), the
        // primary (else first) phone number and address; HR-asserted numbers are not marked verified
        JsonNode phone = primaryOrFirst(entry.path("phoneNumbers"));
        JsonNode address = primaryOrFirst(entry.path("addresses"));
        String profileUrl = text(entry, "profileUrl");
        if (profileUrl != null && !profileUrl.matches("(?i)https?://\\S+")) {
            profileUrl = null;
        }
        String timezone = text(entry, "timezone");
        if (timezone != null && !java.time.ZoneId.getAvailableZoneIds().contains(timezone)) {
            timezone = null;
        }
        io.kizuna.api.member.StandardClaims standard = new io.kizuna.api.member.StandardClaims(
                text(entry.path("name"), "givenName"), text(entry.path("name"), "familyName"),
                text(entry.path("name"), "middleName"), text(entry, "nickName"), null, profileUrl, null, null, null,
                null, timezone, false, text(address, "streetAddress"), text(address, "locality"),
                text(address, "region"), text(address, "postalCode"), text(address, "country"), null);
        return new PersonalData(email == null ? null : email.toLowerCase(Locale.ROOT), false, name, locale,
                text(phone, "value"), text(address, "formatted"), standard);
    }

    /**
     * RFC 7644 §3.5.1: a replace sets the attributes of the SCIM resource; what the User schema (RFC 7643 §4.1)
     * has no attribute for is not the HR system's to remove. So the member's own standard claims that SCIM does
     * not carry — preferred_username, picture, website, gender, birthdate, updated_at — stay as they were, and
     * an e-mail address or phone number the member verified stays verified while it is unchanged (HR-asserted
     * values are never marked verified by SCIM itself).
     */
    public static PersonalData keepingWhatScimDoesNotManage(PersonalData fromScim, io.kizuna.api.member.MemberClaims now) {
        PersonalData before = now == null ? null : now.personalData();
        if (before == null) {
            return fromScim;
        }
        io.kizuna.api.member.StandardClaims was = before.standard();
        io.kizuna.api.member.StandardClaims scim = fromScim.standard();
        boolean sameEmail = fromScim.email() != null && fromScim.email().equalsIgnoreCase(String.valueOf(before.email()));
        boolean samePhone = fromScim.phoneNumber() != null && fromScim.phoneNumber().equals(before.phoneNumber());
        io.kizuna.api.member.StandardClaims merged = new io.kizuna.api.member.StandardClaims(scim.givenName(),
                scim.familyName(), scim.middleName(), scim.nickname(), was.preferredUsername(), scim.profile(),
                was.picture(), was.website(), was.gender(), was.birthdate(), scim.zoneinfo(),
                samePhone && was.phoneNumberVerified(), scim.streetAddress(), scim.locality(), scim.region(),
                scim.postalCode(), scim.country(), was.updatedAt());
        return new PersonalData(fromScim.email(), sameEmail && before.emailVerified(), fromScim.name(),
                fromScim.locale(), fromScim.phoneNumber(), fromScim.address(), merged);
    }

    private static JsonNode primaryOrFirst(JsonNode values) {
        JsonNode first = null;
        for (JsonNode v : values) {
            if (v.path("primary").asBoolean(false)) {
                return v;
            }
            if (first == null) {
                first = v;
            }
        }
        return first == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : first;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
