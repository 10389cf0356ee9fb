package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import java.util.Set;

/**
 * Query parameters of RFC 7644 §3.4.2: {@code filter} (§3.4.2.2, parsed and evaluated by the UnboundID
 * SCIM 2 SDK), {@code sortBy}/{@code sortOrder} (§3.4.2.3), {@code startIndex}/{@code count} (§3.4.2.4,
 * 1-based, a count above {@link Scim#MAX_RESULTS} is lowered to it) and
 * {@code attributes}/{@code excludedAttributes} (§3.4.2.5, §3.9).
 */
public record ScimQuery(Filter filter, String sortBy, boolean descending, int startIndex, int count,
                        List<String> attributes, List<String> excludedAttributes) {

    public static ScimQuery of(String filter, String sortBy, String sortOrder, String startIndex, String count,
                               String attributes, String excludedAttributes) {
        Filter parsed = null;
        if (filter != null && !filter.isBlank()) {
            if (filter.length() > 4096) {
                throw ScimException.badRequest("invalidFilter", "the filter is too long");
            }
            // RFC 7644 §3.10: a core attribute may be named with its schema URN; the core one is the resource itself
            String unqualified = filter.replaceAll("(?i)urn:ietf:params:scim:schemas:core:2\\.0:(User|Group):", "");
            try {
                parsed = Filter.fromString(unqualified);
            } catch (BadRequestException e) {
                throw ScimException.badRequest("invalidFilter", "the filter is not valid: " + e.getMessage());
            }
        }
        if (sortOrder != null && !sortOrder.equals("ascending") && !sortOrder.equals("descending")) {
            throw ScimException.badRequest("invalidValue", "sortOrder is ascending or descending");
        }
        int start = integer(startIndex, 1);
        int size = integer(count, Scim.MAX_RESULTS);
        return new ScimQuery(parsed, sortBy == null || sortBy.isBlank() ? null : sortBy, "descending".equals(sortOrder),
                Math.max(start, 1), Math.min(Math.max(size, 0), Scim.MAX_RESULTS), list(attributes),
                list(excludedAttributes));
    }

    /** attributes / excludedAttributes for a single resource (RFC 7644 §3.9). */
    public static ScimQuery projection(String attributes, String excludedAttributes) {
        return new ScimQuery(null, null, false, 1, Scim.MAX_RESULTS, list(attributes), list(excludedAttributes));
    }

    private static int integer(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ScimException.badRequest("invalidValue", "startIndex and count are integers");
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    public boolean matches(ObjectNode resource) {
        if (filter == null) {
            return true;
        }
        try {
            return FilterEvaluator.evaluate(filter, ScimPatches.caseIgnoring(resource));
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw ScimException.badRequest("invalidFilter", "the filter cannot be evaluated: " + e.getMessage());
        }
    }

    /** Sorts, pages and projects; returns a ListResponse (RFC 7644 §3.4.2). */
    public ObjectNode listResponse(List<ObjectNode> matching, String schema) {
        List<ObjectNode> sorted = new ArrayList<>(matching);
        if (sortBy != null) {
            Path path = path(sortBy);
            Comparator<ObjectNode> byValue = Comparator.comparing(r -> sortKey(path, r),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            sorted.sort(descending ? byValue.reversed() : byValue);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(Scim.LIST_RESPONSE);
        body.put("totalResults", sorted.size());
        int from = Math.min(startIndex - 1, sorted.size());
        int to = Math.min(from + count, sorted.size());
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", to - from);
        ArrayNode resources = body.putArray("Resources");
        for (ObjectNode r : sorted.subList(from, to)) {
            resources.add(project(r, schema));
        }
        return body;
    }

    private static Path path(String attribute) {
        try {
            return Path.fromString(attribute);
        } catch (BadRequestException e) {
            throw ScimException.badRequest("invalidPath", "not an attribute path: " + attribute);
        }
    }

    private static String sortKey(Path path, ObjectNode resource) {
        try {
            List<JsonNode> values = JsonUtils.findMatchingPaths(path, ScimPatches.caseIgnoring(resource));
            JsonNode v = values.isEmpty() ? null : values.get(0);
            if (v != null && v.isArray()) {
                JsonNode chosen = v.size() == 0 ? null : v.get(0);
                for (JsonNode item : v) {
                    if (item.path("primary").asBoolean(false)) {
                        chosen = item;
                    }
                }
                v = chosen == null ? null : chosen.has("value") ? chosen.get("value") : chosen;
            }
            return v == null || v.isNull() || v.isMissingNode() ? null : v.asText().toLowerCase(Locale.ROOT);
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            return null;
        }
    }

    /**
     * RFC 7644 §3.4.2.5: with {@code attributes} only those (plus {@code id} and {@code schemas}, returned
     * always), else all but {@code excludedAttributes}. Paths may be URN-qualified and name sub-attributes.
     */
    public ObjectNode project(ObjectNode resource, String coreSchema) {
        if (attributes.isEmpty() && excludedAttributes.isEmpty()) {
            return resource;
        }
        if (!attributes.isEmpty()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("schemas", resource.get("schemas"));
            out.set("id", resource.get("id"));
            for (String a : attributes) {
                copyPath(resource, out, split(a, coreSchema));
            }
            return out;
        }
        ObjectNode out = resource.deepCopy();
        for (String a : excludedAttributes) {
            List<String> p = split(a, coreSchema);
            if (p.size() == 1 && (p.get(0).equalsIgnoreCase("id") || p.get(0).equalsIgnoreCase("schemas"))) {
                continue; // returned always
            }
            removePath(out, p);
        }
        return out;
    }

    /** "urn:…:User:name.givenName" → [name, givenName]; "urn:…:enterprise:2.0:User:department" → [urn, department]. */
    static List<String> split(String attribute, String coreSchema) {
        String a = attribute;
        if (a.regionMatches(true, 0, coreSchema + ":", 0, coreSchema.length() + 1)) {
            a = a.substring(coreSchema.length() + 1);
        } else if (a.regionMatches(true, 0, Scim.ENTERPRISE_USER + ":", 0, Scim.ENTERPRISE_USER.length() + 1)) {
            List<String> out = new ArrayList<>();
            out.add(Scim.ENTERPRISE_USER);
            out.addAll(List.of(a.substring(Scim.ENTERPRISE_USER.length() + 1).split("\\.")));
            return out;
        } else if (a.equalsIgnoreCase(Scim.ENTERPRISE_USER)) {
            return List.of(Scim.ENTERPRISE_USER);
        }
        return List.of(a.split("\\."));
    }

    private static String key(JsonNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    private static void copyPath(JsonNode from, ObjectNode to, List<String> path) {
        String k = key(from, path.get(0));
        if (k == null) {
            return;
        }
        JsonNode v = from.get(k);
        if (path.size() == 1) {
            to.set(k, v.deepCopy());
            return;
        }
        List<String> rest = path.subList(1, path.size());
        if (v.isObject()) {
            ObjectNode sub = to.has(k) && to.get(k).isObject() ? (ObjectNode) to.get(k) : to.putObject(k);
            copyPath(v, sub, rest);
        } else if (v.isArray()) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : v) {
                ObjectNode sub = JsonNodeFactory.instance.objectNode();
                copyPath(item, sub, rest);
                arr.add(sub);
            }
            if (to.has(k) && to.get(k).isArray() && to.get(k).size() == arr.size()) {
                for (int i = 0; i < arr.size(); i++) {
                    ((ObjectNode) to.get(k).get(i)).setAll((ObjectNode) arr.get(i));
                }
            } else {
                to.set(k, arr);
            }
        }
    }

    private static void removePath(JsonNode node, List<String> path) {
        if (!(node instanceof ObjectNode obj)) {
            if (node != null && node.isArray()) {
                node.forEach(item -> removePath(item, path));
            }
            return;
        }
        String k = key(obj, path.get(0));
        if (k == null) {
            return;
        }
        if (path.size() == 1) {
            obj.remove(k);
        } else {
            removePath(obj.get(k), path.subList(1, path.size()));
        }
    }

    /** RFC 7644 §3.14: weak entity tags from meta.version. */
    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** Whether an If-Match / If-None-Match value names {@code version} ({@code *} names any). */
    public static boolean names(String header, long version) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : header.split(",")) {
            tags.add(t.strip());
        }
        String tag = "\"" + version + "\"";
        return tags.contains("*") || tags.contains(tag) || tags.contains("W/" + tag);
    }

}
