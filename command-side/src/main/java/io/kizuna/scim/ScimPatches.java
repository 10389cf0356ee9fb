package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.Set;

/**
 * PATCH (RFC 7644 §3.5.2) through the UnboundID SCIM 2 SDK's PatchOp model: the request must list the
 * PatchOp schema and hold 1 to 100 operations; each applies in order to a copy of the resource, and any
 * failure (an invalid path, a filter that selects nothing for remove, a readOnly target) refuses the
 * whole request with the §3.5.2 scimType.
 */
final class ScimPatches {
    private ScimPatches() {
    }

    static PatchRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "a PatchOp request is required");
        }
        ScimUserSchema.requireSchema(body, Scim.PATCH_OP);
        JsonNode ops = ScimUserSchema.field(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty() || ops.size() > 100) {
            throw ScimException.badRequest("invalidSyntax", "Operations must hold 1 to 100 operations");
        }
        for (JsonNode op : ops) {
            JsonNode name = op.isObject() ? ScimUserSchema.field(op, "op") : null;
            JsonNode path = op.isObject() ? ScimUserSchema.field(op, "path") : null;
            if (name != null && "remove".equalsIgnoreCase(name.asText()) && (path == null || path.asText().isBlank())) {
                throw ScimException.badRequest("noTarget", "remove needs a path (RFC 7644 §3.5.2.2)");
            }
        }
        try {
            return JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(body);
        } catch (java.io.IOException | IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof com.unboundid.scim2.common.exceptions.ScimException)) {
                cause = cause.getCause();
            }
            if (cause instanceof com.unboundid.scim2.common.exceptions.ScimException scim) {
                throw ScimErrors.fromSdk(scim);
            }
            throw ScimException.badRequest("invalidSyntax", "not a valid PatchOp request: " + firstLine(e.getMessage()));
        }
    }

    static void refuseReadOnly(PatchOperation op, Set<String> readOnly, String coreSchema) {
        Path path = op.getPath();
        if (path == null || path.isRoot()) {
            JsonNode value = op.getJsonNode();
            if (value != null && value.isObject()) {
                for (String name : readOnly) {
                    if (ScimUserSchema.field(value, name) != null) {
                        throw ScimException.badRequest("mutability", name + " is readOnly (RFC 7643 §2.2)");
                    }
                }
            }
            return;
        }
        String first = path.getElement(0).getAttribute();
        if ((path.getSchemaUrn() == null || path.getSchemaUrn().equalsIgnoreCase(coreSchema))
                && readOnly.stream().anyMatch(first::equalsIgnoreCase)) {
            throw ScimException.badRequest("mutability", first + " is readOnly (RFC 7643 §2.2)");
        }
    }

    /** The SDK's case-ignoring JSON nodes, so attribute names in paths match in any case (RFC 7643 §2.1). */
    static ObjectNode caseIgnoring(ObjectNode node) {
        try {
            return (ObjectNode) JsonUtils.getObjectReader().readTree(node.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies every operation in order to {@code node}, which must come from {@link #caseIgnoring}. */
    static void apply(PatchRequest request, ObjectNode node) {
        for (PatchOperation op : request) {
            try {
                requireReplaceTarget(op, node);
                op.apply(node);
            } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
                throw ScimErrors.fromSdk(e);
            } catch (ScimException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ScimException.badRequest("invalidValue", "the operation cannot be applied: "
                        + firstLine(e.getMessage()));
            }
        }
    }

    /** RFC 7644 §3.5.2.3: replace through a value filter that selects no value → 400 noTarget. */
    private static void requireReplaceTarget(PatchOperation op, ObjectNode node)
            throws com.unboundid.scim2.common.exceptions.ScimException {
        Path path = op.getPath();
        if (op.getOpType() != com.unboundid.scim2.common.messages.PatchOpType.REPLACE || path == null || path.isRoot()
                || path.getElement(0).getValueFilter() == null) {
            return;
        }
        Path.Element e = path.getElement(0);
        Path selection = Path.root(path.getSchemaUrn()).attribute(e.getAttribute(), e.getValueFilter());
        if (JsonUtils.findMatchingPaths(selection, node).isEmpty()) {
            throw ScimException.badRequest("noTarget", "the filter of " + e.getAttribute() + " selects no value");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
