package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index template plus a write alias over {@code <alias>-000001}: the shape rollover needs (a new
 * {@code -000002} created through the template takes the write flag; readers keep using the alias).
 * Index Lifecycle Management is not part of the embedded node, so the same layout is driven by an
 * operator's {@code _rollover} and index deletions (docs/analytics.md); tests run what production runs.
 */
final class AliasedIndex {
    private static final Logger LOG = LoggerFactory.getLogger(AliasedIndex.class);

    private AliasedIndex() {
    }

    /**
     * Puts the template every time (a changed mapping reaches the next rolled-over index) and creates the
     * first index only when the alias is missing. A concrete index already named like the alias (the
     * walking skeleton's ad-hoc index) is a derived model that the versioned consumer group replays, so it
     * is dropped to make room for the alias.
     */
    static void ensure(ElasticsearchClient client, String alias, TypeMapping mapping, int replicas) throws IOException {
        client.indices().putIndexTemplate(t -> t.name(alias).indexPatterns(alias + "-*").priority(200L)
                .template(tt -> tt.mappings(mapping)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas(Integer.toString(replicas)))));
        if (client.indices().existsAlias(a -> a.name(alias)).value()) {
            // fields only ever get added (region came later): existing indices learn them in place
            client.indices().putMapping(p -> p.index(alias).properties(mapping.properties()));
            return;
        }
        if (client.indices().exists(e -> e.index(alias)).value()) {
            LOG.warn("replacing the concrete index {} by an alias over {}-000001; its documents are rebuilt from Kafka",
                    alias, alias);
            client.indices().delete(d -> d.index(alias));
        }
        try {
            client.indices().create(c -> c.index(alias + "-000001").aliases(alias, a -> a.isWriteIndex(true)));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }
}
