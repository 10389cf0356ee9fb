package io.kizuna.scim;

import org.springframework.http.MediaType;

/** SCIM 2.0 names (RFC 7643 §8.7, RFC 7644 §3.1 and §8). */
public final class Scim {
    public static final String BASE = "/scim/v2";
    public static final String MEDIA_TYPE = "application/scim+json";
    public static final MediaType SCIM_JSON = MediaType.parseMediaType(MEDIA_TYPE);
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    /** The OAuth scope a client needs for every /scim/v2 request. */
    public static final String SCOPE = "scim";
    public static final int MAX_RESULTS = 200;
    public static final int BULK_MAX_OPERATIONS = 100;
    public static final int BULK_MAX_PAYLOAD = 1_048_576;

    private Scim() {
    }
}
