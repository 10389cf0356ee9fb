package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM 2.0 protocol endpoints (RFC 7644) at {@code /scim/v2}: Users and Groups with create (§3.3),
 * retrieve and query (§3.4.1, §3.4.2), replace (§3.5.1), modify (§3.5.2), delete (§3.6) and ETags
 * (§3.14). Every request needs a client-credentials bearer token with the {@code scim} scope (§2,
 * {@link ScimBearer}). Bodies are {@code application/scim+json} (plain {@code application/json} is accepted).
 */
@RestController
@RequestMapping(path = Scim.BASE, produces = {Scim.MEDIA_TYPE, "application/json"})
public class ScimEndpoint {

    private final ScimBearer bearer;
    private final ScimUsers users;
    private final ScimGroups groups;

    public ScimEndpoint(ScimBearer bearer, ScimUsers users, ScimGroups groups) {
        this.bearer = bearer;
        this.users = users;
        this.groups = groups;
    }

    /** The resource type of a path: {@code Users} or {@code Groups} (the only ones the mappings accept). */
    private ScimResources resources(String type) {
        return "Users".equals(type) ? users : groups;
    }

    /** RFC 7644 §3.4.2: filter, sort, paging and attribute selection. */
    @GetMapping("/{type:Users|Groups}")
    public ResponseEntity<ObjectNode> list(@RequestHeader(name = "Authorization", required = false) String auth,
                                           @PathVariable String type,
                                           @RequestParam(required = false) String filter,
                                           @RequestParam(required = false) String sortBy,
                                           @RequestParam(required = false) String sortOrder,
                                           @RequestParam(required = false) String startIndex,
                                           @RequestParam(required = false) String count,
                                           @RequestParam(required = false) String attributes,
                                           @RequestParam(required = false) String excludedAttributes) {
        bearer.authenticate(auth);
        return ok(resources(type).list(ScimQuery.of(filter, sortBy, sortOrder, startIndex, count, attributes,
                excludedAttributes)));
    }

    /** RFC 7644 §3.3. */
    @PostMapping(path = "/{type:Users|Groups}")
    public ResponseEntity<ObjectNode> create(@RequestHeader(name = "Authorization", required = false) String auth,
                                             @RequestHeader(name = "Content-Type", required = false) String contentType,
                                             @PathVariable String type, @RequestBody JsonNode body) {
        String client = bearer.authenticate(auth);
        requireJson(contentType);
        return created(resources(type).create(body, client));
    }

    /** RFC 7644 §3.4.1, with §3.14 If-None-Match. */
    @GetMapping("/{type:Users|Groups}/{id}")
    public ResponseEntity<ObjectNode> get(@RequestHeader(name = "Authorization", required = false) String auth,
                                          @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
                                          @PathVariable String type, @PathVariable String id,
                                          @RequestParam(required = false) String attributes,
                                          @RequestParam(required = false) String excludedAttributes) {
        bearer.authenticate(auth);
        ScimResources resources = resources(type);
        return resource(resources.get(id), ifNoneMatch, ScimQuery.projection(attributes, excludedAttributes),
                resources.schema());
    }

    /** RFC 7644 §3.5.1, with §3.14 If-Match. */
    @PutMapping(path = "/{type:Users|Groups}/{id}")
    public ResponseEntity<ObjectNode> replace(@RequestHeader(name = "Authorization", required = false) String auth,
                                              @RequestHeader(name = "Content-Type", required = false) String contentType,
                                              @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                              @PathVariable String type, @PathVariable String id,
                                              @RequestBody JsonNode body) {
        String client = bearer.authenticate(auth);
        requireJson(contentType);
        return ok(resources(type).replace(id, body, ifMatch, client));
    }

    /** RFC 7644 §3.5.2, with §3.14 If-Match. */
    @PatchMapping(path = "/{type:Users|Groups}/{id}")
    public ResponseEntity<ObjectNode> patch(@RequestHeader(name = "Authorization", required = false) String auth,
                                            @RequestHeader(name = "Content-Type", required = false) String contentType,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                            @PathVariable String type, @PathVariable String id,
                                            @RequestBody JsonNode body) {
        String client = bearer.authenticate(auth);
        requireJson(contentType);
        return ok(resources(type).patch(id, body, ifMatch, client));
    }

    /** RFC 7644 §3.6. */
    @DeleteMapping("/{type:Users|Groups}/{id}")
    public ResponseEntity<Void> delete(@RequestHeader(name = "Authorization", required = false) String auth,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @PathVariable String type, @PathVariable String id) {
        String client = bearer.authenticate(auth);
        resources(type).delete(id, ifMatch, client);
        return ResponseEntity.noContent().build();
    }

    /** RFC 7644 §3.1 / §8.1: a body is application/scim+json (or application/json), else 415. */
    static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith(Scim.MEDIA_TYPE) && !type.startsWith("application/json")) {
            throw new ScimException(415, null, "send application/scim+json (RFC 7644 §3.1)");
        }
    }

    /** Any other path or method under /scim/v2: 404 or 405 in the SCIM error schema, not the servlet's page. */
    @org.springframework.web.bind.annotation.RequestMapping("/**")
    public ResponseEntity<ObjectNode> unrouted(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + Scim.BASE.length());
        if (path.matches("/(Users|Groups)(/[^/]+)?|/Bulk|/ServiceProviderConfig|/ResourceTypes(/[^/]+)?|/Schemas(/[^/]+)?")) {
            throw new ScimException(405, null, request.getMethod() + " is not supported on " + path);
        }
        throw ScimException.notFound("no SCIM endpoint " + path);
    }

    static ResponseEntity<ObjectNode> ok(ObjectNode body) {
        ResponseEntity.BodyBuilder b = ResponseEntity.ok().contentType(Scim.SCIM_JSON).cacheControl(CacheControl.noStore());
        if (body.path("meta").has("version")) {
            b.eTag(body.get("meta").get("version").asText());
        }
        return b.body(body);
    }

    private static ResponseEntity<ObjectNode> created(ObjectNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).contentType(Scim.SCIM_JSON)
                .cacheControl(CacheControl.noStore())
                .location(URI.create(body.get("meta").get("location").asText()))
                .eTag(body.get("meta").get("version").asText()).body(body);
    }

    /** RFC 7644 §3.14: If-None-Match naming the current version → 304 without a body. */
    private static ResponseEntity<ObjectNode> resource(ObjectNode body, String ifNoneMatch, ScimQuery projection,
                                                       String schema) {
        String version = body.get("meta").get("version").asText();
        long n = Long.parseLong(version.substring(3, version.length() - 1));
        if (ifNoneMatch != null && ScimQuery.names(ifNoneMatch, n)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(version).header(HttpHeaders.CACHE_CONTROL,
                    "no-store").build();
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.ok().contentType(Scim.SCIM_JSON).cacheControl(CacheControl.noStore())
                .eTag(version);
        return b.body(projection.project(body, schema));
    }
}
