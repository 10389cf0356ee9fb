package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.kizuna.api.directory.DirectoryGroup;
import io.kizuna.api.directory.FindDirectoryGroupsQuery;
import io.kizuna.api.group.CreateGroupCommand;
import io.kizuna.api.group.DeleteGroupCommand;
import io.kizuna.api.group.GroupId;
import io.kizuna.api.group.UpdateGroupCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.config.KizunaProperties;
import io.kizuna.ledger.LedgerCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SCIM Groups (RFC 7643 §4.2, RFC 7644 §3.3–§3.6) over the Group aggregate: create → {@code group.created};
 * replace / modify → {@code group.renamed}, {@code group.members.added}, {@code group.members.removed}
 * (only what changed); delete → {@code group.deleted}. Members are provisioned Users only ({@code value} is
 * the User id); an unknown member is refused with 400 {@code invalidValue}.
 */
@Service
public class ScimGroups implements ScimResources {
    @Override
    public String schema() {
        return Scim.GROUP;
    }

    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final String base;

    public ScimGroups(LedgerCommands commands, QueryGateway queries, KizunaProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.base = properties.issuer() + Scim.BASE;
    }

    record Wanted(String displayName, String externalId, List<MemberId> members) {
    }

    @Transactional
    @Override
    public ObjectNode create(JsonNode body, String client) {
        Wanted w = wanted(body);
        GroupId id = GroupId.generate();
        commands.send(new CreateGroupCommand(id, w.displayName(), w.externalId(), w.members(), client));
        return get(id.value());
    }

    @Override
    public ObjectNode get(String id) {
        return render(find(id));
    }

    @Transactional
    @Override
    public ObjectNode replace(String id, JsonNode body, String ifMatch, String client) {
        DirectoryGroup current = find(id);
        precondition(ifMatch, current.version());
        Wanted w = wanted(body);
        commands.send(new UpdateGroupCommand(new GroupId(id), w.displayName(), w.externalId(), w.members(),
                current.version(), client));
        return get(id);
    }

    /** RFC 7644 §3.5.2, e.g. {@code remove members[value eq "…"]} or {@code add members}. */
    @Transactional
    @Override
    public ObjectNode patch(String id, JsonNode body, String ifMatch, String client) {
        DirectoryGroup current = find(id);
        precondition(ifMatch, current.version());
        PatchRequest request = ScimPatches.parse(body);
        for (PatchOperation op : request) {
            ScimPatches.refuseReadOnly(op, Set.of("id", "meta"), Scim.GROUP);
        }
        ObjectNode node = render(current);
        node.remove("meta");
        node = ScimPatches.caseIgnoring(node);
        ScimPatches.apply(request, node);
        Wanted w = wanted(node);
        commands.send(new UpdateGroupCommand(new GroupId(id), w.displayName(), w.externalId(), w.members(),
                current.version(), client));
        return get(id);
    }

    @Transactional
    @Override
    public void delete(String id, String ifMatch, String client) {
        DirectoryGroup current = find(id);
        precondition(ifMatch, current.version());
        commands.send(new DeleteGroupCommand(new GroupId(id), current.version(), client));
    }

    @Override
    public ObjectNode list(ScimQuery query) {
        List<ObjectNode> matching = new ArrayList<>();
        for (DirectoryGroup g : queries.query(new FindDirectoryGroupsQuery(null, null),
                ResponseTypes.multipleInstancesOf(DirectoryGroup.class)).join()) {
            ObjectNode r = render(g);
            if (query.matches(r)) {
                matching.add(r);
            }
        }
        return query.listResponse(matching, Scim.GROUP);
    }

    private Wanted wanted(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.badRequest("invalidSyntax", "a Group resource (JSON object) is required");
        }
        ScimUserSchema.requireSchema(body, Scim.GROUP);
        JsonNode name = ScimUserSchema.field(body, "displayName");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 256) {
            throw ScimException.badRequest("invalidValue", "displayName of 1 to 256 characters is required");
        }
        JsonNode external = ScimUserSchema.field(body, "externalId");
        if (external != null && !external.isNull() && (!external.isTextual() || external.asText().isBlank()
                || external.asText().length() > 256)) {
            throw ScimException.badRequest("invalidValue", "externalId must be 1 to 256 characters");
        }
        Set<String> ids = new LinkedHashSet<>();
        JsonNode members = ScimUserSchema.field(body, "members");
        if (members != null && !members.isNull()) {
            if (!members.isArray()) {
                throw ScimException.badRequest("invalidValue", "members must be an array");
            }
            for (JsonNode m : members) {
                JsonNode value = m.isObject() ? ScimUserSchema.field(m, "value") : null;
                if (value == null || !value.isTextual()) {
                    throw ScimException.badRequest("invalidValue", "each member needs a value (the User id)");
                }
                ids.add(value.asText());
            }
        }
        if (ids.size() > 10_000) {
            throw ScimException.badRequest("invalidValue", "at most 10000 members");
        }
        Set<String> known = ids.isEmpty() ? Set.of() : new java.util.HashSet<>(queries.query(
                new io.kizuna.api.directory.FindDirectoryUserIdsQuery(),
                ResponseTypes.multipleInstancesOf(String.class)).join());
        for (String m : ids) {
            if (!known.contains(m)) {
                throw ScimException.badRequest("invalidValue", "member " + m + " is not a provisioned User");
            }
        }
        return new Wanted(name.asText().strip(), external == null || external.isNull() ? null : external.asText(),
                ids.stream().map(MemberId::new).toList());
    }

    private void precondition(String ifMatch, long version) {
        if (ifMatch != null && !ScimQuery.names(ifMatch, version)) {
            throw ScimException.preconditionFailed("the resource is at version " + ScimQuery.etag(version)
                    + " (RFC 7644 §3.14)");
        }
    }

    DirectoryGroup find(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        List<DirectoryGroup> found = queries.query(new FindDirectoryGroupsQuery(id, null),
                ResponseTypes.multipleInstancesOf(DirectoryGroup.class)).join();
        if (found.isEmpty()) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return found.get(0);
    }

    ObjectNode render(DirectoryGroup g) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.putArray("schemas").add(Scim.GROUP);
        r.put("id", g.groupId());
        if (g.externalId() != null) {
            r.put("externalId", g.externalId());
        }
        r.put("displayName", g.displayName());
        ArrayNode members = r.putArray("members");
        for (String m : g.members()) {
            members.addObject().put("value", m).put("$ref", base + "/Users/" + m).put("type", "User");
        }
        ObjectNode meta = r.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", g.created().toString());
        meta.put("lastModified", g.lastModified().toString());
        meta.put("location", base + "/Groups/" + g.groupId());
        meta.put("version", ScimQuery.etag(g.version()));
        return r;
    }
}
