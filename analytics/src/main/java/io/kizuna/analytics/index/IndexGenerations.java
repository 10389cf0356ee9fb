package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Generations of the analytics indices for a rebuild: a new {@code <alias>-00000N+1} next to the live
 * ones (same mapping and settings as {@link AliasedIndex}), an atomic swap of the aliases onto it, and
 * the deletion of the old generation. Readers and the Kafka indexer only ever name the aliases.
 */
@Component
public class IndexGenerations {
    private final ElasticsearchClient client;
    private final AnalyticsProperties properties;

    public IndexGenerations(ElasticsearchClient client, AnalyticsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** The indices behind one alias and the new index that replaces them. */
    public record Generation(String alias, List<String> old, String next) {
    }

    /** Makes sure the aliases exist (as the indexer does on its first batch). */
    public void ensureAliases() throws IOException {
        EventDocuments.ensureIndex(client, properties);
        ActivityDocuments.ensureIndex(client, properties);
    }

    public Generation nextEvents() throws IOException {
        return next(properties.eventsIndex(), EventDocuments.mapping());
    }

    public Generation nextActivity() throws IOException {
        return next(properties.activityIndex(), ActivityDocuments.mapping());
    }

    /**
     * Creates {@code <alias>-N+1}, N the highest generation number among the existing {@code <alias>-*}
     * indices (rolled-over ones included), without alias and without refreshes while it is bulk-loaded.
     */
    private Generation next(String alias, TypeMapping mapping) throws IOException {
        List<String> old = new ArrayList<>(client.indices().getAlias(a -> a.name(alias)).aliases().keySet());
        Pattern generation = Pattern.compile(Pattern.quote(alias) + "-(\\d+)");
        TreeSet<Long> numbers = new TreeSet<>(List.of(0L));
        for (String index : client.indices().get(g -> g.index(alias + "-*").allowNoIndices(true)).indices().keySet()) {
            Matcher m = generation.matcher(index);
            if (m.matches()) {
                numbers.add(Long.parseLong(m.group(1)));
            }
        }
        String next = String.format("%s-%06d", alias, numbers.last() + 1);
        client.indices().create(c -> c.index(next).mappings(mapping).settings(s -> s.numberOfShards("1")
                .numberOfReplicas(Integer.toString(properties.indexReplicas())).refreshInterval(t -> t.time("-1"))));
        return new Generation(alias, old, next);
    }

    /**
     * Puts the default refresh back on the new indices, refreshes them, then moves both aliases in one
     * {@code _aliases} request (atomic in Elasticsearch): from that moment readers and the Kafka indexer
     * use the new generation.
     */
    public void swap(List<Generation> generations) throws IOException {
        List<Action> actions = new ArrayList<>();
        for (Generation g : generations) {
            client.indices().putSettings(p -> p.index(g.next()).settings(s -> s.refreshInterval(t -> t.time("1s"))));
            client.indices().refresh(r -> r.index(g.next()));
            for (String old : g.old()) {
                actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(g.alias()))));
            }
            actions.add(Action.of(a -> a.add(ad -> ad.index(g.next()).alias(g.alias()).isWriteIndex(true))));
        }
        client.indices().updateAliases(u -> u.actions(actions));
    }

    /** Deletes indices (the old generation, or a failed rebuild's new one); already gone is fine. */
    public void delete(List<String> indices) throws IOException {
        for (String index : indices) {
            try {
                client.indices().delete(d -> d.index(index));
            } catch (ElasticsearchException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
    }

    public void refresh(String... indices) throws IOException {
        client.indices().refresh(r -> r.index(List.of(indices)));
    }
}
