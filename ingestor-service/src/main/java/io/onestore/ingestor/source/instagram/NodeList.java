package io.onestore.ingestor.source.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The readable items of an upstream list and the ones that were not, kept verbatim for the dead letters: one bad
 * node must not cost the rest of the page.
 */
public record NodeList<T>(List<T> items, List<JsonNode> unreadable) {

    public NodeList {
        items = List.copyOf(items);
        unreadable = List.copyOf(unreadable);
    }

    public static <T> NodeList<T> empty() {
        return new NodeList<>(List.of(), List.of());
    }

    public static <T> NodeList<T> read(Iterable<JsonNode> nodes, Function<JsonNode, T> reader) {
        List<T> items = new ArrayList<>();
        List<JsonNode> unreadable = new ArrayList<>();
        for (JsonNode node : nodes) {
            try {
                items.add(reader.apply(node));
            } catch (RuntimeException e) {
                unreadable.add(node);
            }
        }
        return new NodeList<>(items, unreadable);
    }

    public NodeList<T> plus(NodeList<T> other) {
        List<T> allItems = new ArrayList<>(items);
        allItems.addAll(other.items);
        List<JsonNode> allUnreadable = new ArrayList<>(unreadable);
        allUnreadable.addAll(other.unreadable);
        return new NodeList<>(allItems, allUnreadable);
    }
}
