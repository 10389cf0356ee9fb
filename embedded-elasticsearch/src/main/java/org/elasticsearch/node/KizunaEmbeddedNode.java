package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.KizunaClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.List;

/**
 * Kizuna (dev/test only): builds a {@link Node} whose plugins are classes on the classpath.
 * <p>
 * It lives in Elasticsearch's package because {@link NodeConstruction#prepareConstruction},
 * {@link NodeServiceProvider} and the {@code Node(NodeConstruction)} constructor are package-private.
 */
public final class KizunaEmbeddedNode {

    private KizunaEmbeddedNode() {}

    public static Node create(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        List<Class<? extends Plugin>> plugins = List.copyOf(pluginClasses);
        NodeServiceProvider serviceProvider = new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader ignored) {
                return new KizunaClasspathPluginsService(env.settings(), env.configDir(), plugins);
            }
        };
        return new Node(NodeConstruction.prepareConstruction(environment, null, serviceProvider, true));
    }
}
