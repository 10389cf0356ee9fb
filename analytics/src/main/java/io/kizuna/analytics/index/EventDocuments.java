package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ledger-event documents, one per event, id = event id, so re-delivered Kafka records overwrite
 * themselves. Every field is keyword, date, boolean or flattened (what the embedded node and production
 * both support), and each answers a question without scripts: {@code member} (pseudonym) for
 * cardinality, {@code service} for grouping by service site, {@code active} to count activity,
 * {@code mfa}/{@code amr} for sign-in factors, {@code day} for cheap per-day grouping in dashboards.
 *
 * <p>The member id never reaches Elasticsearch: it is replaced by its {@link MemberPseudonyms pseudonym}
 * in {@code member}, in aggregate ids that embed it (Member, Consent) and in every payload string.
 */
public final class EventDocuments {
    /** Payload fields that identify a person or a live credential and answer no analytics question. */
    static final Set<String> DROPPED = Set.of("memberId", "consentId", "sessionId", "jti", "personalData", "context",
            "members", "directoryEntry"); // SCIM groups name raw member ids; only pseudonyms reach the index
    /**
     * Defence in depth for events added later: a payload field whose name says it holds a hash, secret,
     * nonce, challenge or recovery material never enters the index, even if the publisher lets it through.
     */
    private static final java.util.regex.Pattern CREDENTIAL_LIKE =
            java.util.regex.Pattern.compile("(?i).*(hash|secret|nonce|challenge|recovery).*");
    /** RFC 8176 values that are not an authentication factor of their own. */
    private static final Set<String> NOT_FACTORS = Set.of("mfa", "mca", "user");

    private EventDocuments() {
    }

    public static void ensureIndex(ElasticsearchClient client, AnalyticsProperties properties) throws IOException {
        AliasedIndex.ensure(client, properties.eventsIndex(), mapping(), properties.indexReplicas());
    }

    static TypeMapping mapping() {
        Property keyword = Property.of(p -> p.keyword(k -> k));
        Map<String, Property> fields = new LinkedHashMap<>();
        for (String f : List.of("event_id", "type", "revision", "day", "aggregate_type", "aggregate_id", "member",
                "service", "client_id", "amr", "grant_type", "reason", "region")) {
            fields.put(f, keyword);
        }
        fields.put("occurred_at", Property.of(p -> p.date(d -> d)));
        fields.put("active", Property.of(p -> p.boolean_(b -> b)));
        fields.put("mfa", Property.of(p -> p.boolean_(b -> b)));
        fields.put("payload", Property.of(p -> p.flattened(f -> f)));
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.False).properties(fields));
    }

    /** The document of one envelope; see the class comment for what each field is for. */
    public static Map<String, Object> document(JsonNode envelope, MemberPseudonyms pseudonyms) {
        JsonNode payload = envelope.path("payload");
        String type = envelope.path("type").asText();
        String aggregateType = text(envelope, "aggregateType");
        String aggregateId = envelope.path("aggregateId").asText();
        String memberId = text(payload, "memberId");
        if (memberId == null && "Member".equals(aggregateType)) {
            memberId = aggregateId;
        }
        String member = memberId == null ? null : pseudonyms.of(memberId);
        String clientId = text(payload, "clientId");
        String service = service(type, payload, clientId);
        String grantType = text(payload, "grantType");
        Instant occurredAt = Instant.parse(envelope.path("occurredAt").asText());

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event_id", envelope.path("eventId").asText());
        doc.put("type", type);
        doc.put("revision", text(envelope, "revision"));
        doc.put("occurred_at", occurredAt.toString());
        doc.put("day", occurredAt.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        doc.put("aggregate_type", aggregateType);
        doc.put("aggregate_id", memberId == null ? aggregateId : aggregateId.replace(memberId, member));
        doc.put("member", member);
        doc.put("service", service);
        doc.put("client_id", clientId);
        doc.put("grant_type", grantType);
        doc.put("reason", text(payload, "reason"));
        // sign-ins only: the coarse region the server placed the source address in (never the address)
        doc.put("region", text(payload, "region"));
        if ("member.login.succeeded".equals(type)) {
            List<String> amr = strings(payload.path("amr"));
            doc.put("amr", amr);
            doc.put("mfa", isMultiFactor(amr));
        }
        doc.put("active", member != null && service != null && isActivity(type, grantType));
        doc.put("payload", scalars(payload, memberId, member));
        return doc;
    }

    /**
     * The service site an event concerns: the client it names; for a registration, the site the member
     * registered through ({@code self} = Kizuna's own page, no service).
     */
    static String service(String type, JsonNode payload, String clientId) {
        if ("member.registered".equals(type)) {
            String via = text(payload, "registeredVia");
            return via == null || via.isBlank() || "self".equals(via) ? null : via;
        }
        return clientId;
    }

    /**
     * What counts as a member being active on a service: registering through it, signing in to it,
     * consenting to it, or an authorization code redeemed for it. Refresh-token and client-credentials
     * tokens are excluded: a site refreshing in the background is not the member using it.
     */
    static boolean isActivity(String type, String grantType) {
        return switch (type) {
            case "member.registered", "member.login.succeeded", "consent.granted" -> true;
            case "grant.access_token.issued" -> "authorization_code".equals(grantType);
            default -> false;
        };
    }

    /** RFC 8176: {@code mfa} said outright, or two or more distinct factor values. */
    static boolean isMultiFactor(List<String> amr) {
        return amr.contains("mfa") || amr.stream().filter(a -> !NOT_FACTORS.contains(a)).distinct().count() >= 2;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> {
            if (v.isValueNode() && !v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }

    /**
     * Top-level scalar and array-of-scalar fields, minus {@link #DROPPED} and credential-like names, with any member id inside a
     * value replaced by the pseudonym: sealed personal data objects never enter, nor does the member id.
     */
    private static Map<String, Object> scalars(JsonNode payload, String memberId, String member) {
        Map<String, Object> flat = new LinkedHashMap<>();
        payload.properties().forEach(e -> {
            if (DROPPED.contains(e.getKey()) || CREDENTIAL_LIKE.matcher(e.getKey()).matches()) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                flat.put(e.getKey(), hide(v.asText(), memberId, member));
            } else if (v.isArray()) {
                flat.put(e.getKey(), strings(v).stream().map(s -> hide(s, memberId, member)).toList());
            }
        });
        return flat;
    }

    private static String hide(String value, String memberId, String member) {
        return memberId == null ? value : value.replace(memberId, member);
    }
}
