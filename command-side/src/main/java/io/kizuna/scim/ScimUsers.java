package io.kizuna.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import io.kizuna.api.directory.DirectoryGroup;
import io.kizuna.api.directory.DirectoryUser;
import io.kizuna.api.directory.FindDirectoryGroupsQuery;
import io.kizuna.api.directory.FindDirectoryUsersQuery;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.member.FindGrantsOfMemberQuery;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.ProvisionMemberCommand;
import io.kizuna.api.member.UpdateDirectoryEntryCommand;
import io.kizuna.config.KizunaProperties;
import io.kizuna.grant.GrantLookup;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.DirectoryEntryCodec;
import io.kizuna.member.ExternalIdLookup;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.MemberForgetting;
import io.kizuna.member.PasswordHasher;
import io.kizuna.member.PasswordRules;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.session.SignOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.PersonalData;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SCIM Users (RFC 7644 §3.3–§3.6) over the Member aggregate. Create → {@code member.provisioned};
 * replace and modify → {@code member.directory.updated} (+ {@code member.password.changed},
 * {@code member.deprovisioned} / {@code member.reactivated}); {@code active: false} also ends the member's
 * sessions and revokes their grants in the same transaction; delete → "forget member" (crypto-shredding,
 * {@code member.forgotten}), after which the resource is gone (404). Every write is one transaction:
 * a refused uniqueness check leaves neither an event nor an orphan key.
 */
@Service
public class ScimUsers implements ScimResources {
    @Override
    public String schema() {
        return Scim.USER;
    }

    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final PersonalDataCodec personalData;
    private final DirectoryEntryCodec entries;
    private final MemberCredentialLookup credentials;
    private final ExternalIdLookup externalIds;
    private final PasswordHasher hasher;
    private final MemberForgetting forgetting;
    private final SignOut signOut;
    private final GrantLookup grantLookup;
    private final ObjectMapper json;
    private final String base;

    public ScimUsers(LedgerCommands commands, QueryGateway queries, PersonalDataCodec personalData,
                     DirectoryEntryCodec entries, MemberCredentialLookup credentials, ExternalIdLookup externalIds,
                     PasswordHasher hasher, MemberForgetting forgetting, SignOut signOut, GrantLookup grantLookup,
                     ObjectMapper json, KizunaProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.personalData = personalData;
        this.entries = entries;
        this.credentials = credentials;
        this.externalIds = externalIds;
        this.hasher = hasher;
        this.forgetting = forgetting;
        this.signOut = signOut;
        this.grantLookup = grantLookup;
        this.json = json;
        this.base = properties.issuer() + Scim.BASE;
    }

    /** RFC 7644 §3.3: 201 with the resource; userName or externalId taken → 409 uniqueness. */
    @Transactional
    @Override
    public ObjectNode create(JsonNode body, String client) {
        ObjectNode entry = ScimUserSchema.toEntry(body);
        boolean active = ScimUserSchema.active(body, true);
        String passwordHash = hash(ScimUserSchema.password(body));
        checkUnique(entry, null);
        MemberId memberId = MemberId.generate();
        try {
            commands.send(new ProvisionMemberCommand(memberId,
                    personalData.seal(memberId, ScimUserSchema.personalData(entry)), entries.seal(memberId, entry),
                    passwordHash, active, client));
        } catch (RuntimeException e) {
            throw duplicateOr(e);
        }
        return render(find(memberId.value()));
    }

    @Override
    public ObjectNode get(String id) {
        return render(find(id));
    }

    /** RFC 7644 §3.5.1: the body replaces every writable attribute; an absent {@code active} keeps its value. */
    @Transactional
    @Override
    public ObjectNode replace(String id, JsonNode body, String ifMatch, String client) {
        DirectoryUser current = find(id);
        precondition(ifMatch, current.version());
        ObjectNode entry = ScimUserSchema.toEntry(body);
        return write(current, entry, ScimUserSchema.active(body, current.active()),
                ScimUserSchema.password(body), client);
    }

    /** RFC 7644 §3.5.2: add / replace / remove with attribute paths and value filters, all or nothing. */
    @Transactional
    @Override
    public ObjectNode patch(String id, JsonNode body, String ifMatch, String client) {
        DirectoryUser current = find(id);
        precondition(ifMatch, current.version());
        PatchRequest request = ScimPatches.parse(body);
        ObjectNode node = entry(current);
        node.putArray("schemas").add(Scim.USER);
        if (node.has(Scim.ENTERPRISE_USER)) {
            ((ArrayNode) node.get("schemas")).add(Scim.ENTERPRISE_USER);
        }
        node.put("active", current.active());
        for (PatchOperation op : request) {
            ScimPatches.refuseReadOnly(op, Set.of("id", "meta", "groups"), Scim.USER);
        }
        node = ScimPatches.caseIgnoring(node);
        ScimPatches.apply(request, node);
        ObjectNode entry = ScimUserSchema.toEntry(node);
        return write(current, entry, ScimUserSchema.active(node, current.active()), ScimUserSchema.password(node),
                client);
    }

    /** RFC 7644 §3.6: the member is forgotten (crypto-shredding); afterwards the resource answers 404. */
    @Transactional
    @Override
    public void delete(String id, String ifMatch, String client) {
        DirectoryUser current = find(id);
        precondition(ifMatch, current.version());
        forgetting.forget(new MemberId(id), "scim:" + client);
    }

    /** RFC 7644 §3.4.2: an equality filter on userName resolves through the login lookup and opens one entry. */
    @Override
    public ObjectNode list(ScimQuery query) {
        String only = null;
        if (query.filter() instanceof EqualFilter eq && eq.getAttributePath() != null
                && eq.getAttributePath().size() == 1
                && (eq.getAttributePath().getSchemaUrn() == null
                    || Scim.USER.equalsIgnoreCase(eq.getAttributePath().getSchemaUrn()))
                && "userName".equalsIgnoreCase(eq.getAttributePath().getElement(0).getAttribute())
                && eq.getComparisonValue() != null && eq.getComparisonValue().isTextual()) {
            only = credentials.find(eq.getComparisonValue().asText()).map(MemberCredentialLookup.Credential::memberId)
                    .orElse("");
        }
        List<DirectoryUser> users = only != null && only.isEmpty() ? List.of()
                : queries.query(new FindDirectoryUsersQuery(only), ResponseTypes.multipleInstancesOf(DirectoryUser.class))
                        .join();
        Map<String, List<DirectoryGroup>> groups = groupsByMember(null);
        List<ObjectNode> matching = new ArrayList<>();
        for (DirectoryUser u : users) {
            if (u.entry() == null) {
                continue;
            }
            ObjectNode resource = render(u, groups.getOrDefault(u.memberId(), List.of()));
            if (query.matches(resource)) {
                matching.add(resource);
            }
        }
        return query.listResponse(matching, Scim.USER);
    }

    private ObjectNode write(DirectoryUser current, ObjectNode entry, boolean active, char[] password, String client) {
        checkUnique(entry, current.memberId());
        MemberId memberId = new MemberId(current.memberId());
        PersonalData replaced = ScimUserSchema.keepingWhatScimDoesNotManage(ScimUserSchema.personalData(entry),
                queries.query(new FindMemberClaimsQuery(memberId), ResponseTypes.instanceOf(MemberClaims.class))
                        .join());
        try {
            commands.send(new UpdateDirectoryEntryCommand(memberId,
                    personalData.seal(memberId, replaced), entries.seal(memberId, entry),
                    hash(password), active, current.version(), client));
        } catch (RuntimeException e) {
            throw duplicateOr(e);
        }
        if (current.active() && !active) {
            cutOff(memberId);
        }
        return render(find(current.memberId()));
    }

    /** A deprovisioned member keeps no session and no grant (their tokens were closed by the event itself). */
    private void cutOff(MemberId memberId) {
        signOut.endOthers(memberId, null, "member_deprovisioned");
        Set<String> grants = new TreeSet<>(queries.query(new FindGrantsOfMemberQuery(memberId),
                ResponseTypes.multipleInstancesOf(String.class)).join());
        grants.addAll(grantLookup.grantsWithCodesOf(memberId.value()));
        for (String grant : grants) {
            commands.send(new RevokeGrantCommand(new GrantId(grant), null, "member_deprovisioned"));
        }
    }

    private void checkUnique(ObjectNode entry, String memberId) {
        String userName = DirectoryEntryCodec.userName(entry);
        if (memberId == null ? credentials.isTaken(userName) : credentials.isTakenByAnother(userName, memberId)) {
            throw ScimException.uniqueness("userName is already taken");
        }
        String externalId = DirectoryEntryCodec.externalId(entry);
        if (externalId != null && externalIds.isTakenByAnother(externalId, memberId)) {
            throw ScimException.uniqueness("externalId is already taken");
        }
    }

    private String hash(char[] password) {
        if (password == null) {
            return null;
        }
        PasswordRules.check(password);
        return hasher.hash(password);
    }

    private static RuntimeException duplicateOr(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return ScimException.uniqueness("userName or externalId is already taken");
            }
        }
        return e;
    }

    private void precondition(String ifMatch, long version) {
        if (ifMatch != null && !ScimQuery.names(ifMatch, version)) {
            throw ScimException.preconditionFailed("the resource is at version " + ScimQuery.etag(version)
                    + " (RFC 7644 §3.14)");
        }
    }

    DirectoryUser find(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw ScimException.notFound("User " + id + " not found");
        }
        List<DirectoryUser> found = queries.query(new FindDirectoryUsersQuery(id),
                ResponseTypes.multipleInstancesOf(DirectoryUser.class)).join();
        if (found.isEmpty() || found.get(0).entry() == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return found.get(0);
    }

    private ObjectNode entry(DirectoryUser user) {
        try {
            return (ObjectNode) json.readTree(user.entry());
        } catch (IOException e) {
            throw new IllegalStateException("a directory entry could not be read", e);
        }
    }

    private Map<String, List<DirectoryGroup>> groupsByMember(String memberId) {
        Map<String, List<DirectoryGroup>> byMember = new HashMap<>();
        for (DirectoryGroup g : queries.query(new FindDirectoryGroupsQuery(null, memberId),
                ResponseTypes.multipleInstancesOf(DirectoryGroup.class)).join()) {
            for (String m : g.members()) {
                byMember.computeIfAbsent(m, k -> new ArrayList<>()).add(g);
            }
        }
        return byMember;
    }

    ObjectNode render(DirectoryUser user) {
        return render(user, groupsByMember(user.memberId()).getOrDefault(user.memberId(), List.of()));
    }

    /** RFC 7643 §4.1 and §3.1: the entry plus id, active, groups (readOnly) and meta. */
    private ObjectNode render(DirectoryUser user, List<DirectoryGroup> groups) {
        ObjectNode entry = entry(user);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = r.putArray("schemas").add(Scim.USER);
        if (entry.has(Scim.ENTERPRISE_USER)) {
            schemas.add(Scim.ENTERPRISE_USER);
        }
        r.put("id", user.memberId());
        r.setAll(entry);
        r.put("active", user.active());
        if (!groups.isEmpty()) {
            ArrayNode g = r.putArray("groups");
            for (DirectoryGroup group : groups) {
                g.addObject().put("value", group.groupId()).put("$ref", base + "/Groups/" + group.groupId())
                        .put("display", group.displayName()).put("type", "direct");
            }
        }
        ObjectNode meta = r.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        meta.put("location", base + "/Users/" + user.memberId());
        meta.put("version", ScimQuery.etag(user.version()));
        return r;
    }

}
