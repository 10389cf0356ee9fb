package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One SCIM resource type's operations (RFC 7644 §3.2–§3.6): Users and Groups answer the same protocol, so
 * the endpoint serves both through this.
 */
interface ScimResources {
    /** The core schema URN of the resource (RFC 7643 §4.1, §4.2), for attribute projection. */
    String schema();

    ObjectNode list(ScimQuery query);

    ObjectNode create(JsonNode body, String client);

    ObjectNode get(String id);

    ObjectNode replace(String id, JsonNode body, String ifMatch, String client);

    ObjectNode patch(String id, JsonNode body, String ifMatch, String client);

    void delete(String id, String ifMatch, String client);
}
