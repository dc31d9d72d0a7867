package io.onestore.stack;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** A compose file as plain maps (SnakeYAML resolves the {@code <<} merge keys the file uses for shared settings). */
record ComposeFile(Map<String, Object> root) {

    static ComposeFile read(String relative) {
        return new ComposeFile(new Yaml(new LoaderOptions()).load(Repo.read(relative)));
    }

    Map<String, Map<String, Object>> services() {
        return cast(root.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("no service " + name);
        }
        return service;
    }

    Map<String, Object> topLevel(String key) {
        Map<String, Object> value = cast(root.get(key));
        return value == null ? Map.of() : value;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    /** A service's networks, whether written as a list or as a map. */
    static List<String> networks(Map<String, Object> service) {
        Object networks = service.get("networks");
        if (networks instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        return networks == null ? List.of("default") : ComposeFile.<List<String>>cast(networks);
    }

    static Map<String, Object> environment(Map<String, Object> service) {
        Map<String, Object> environment = cast(service.get("environment"));
        return environment == null ? Map.of() : environment;
    }
}
