package dev.parley.feed;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an update changed in its subject's view: the top-level members whose value differs, each
 * with its value before and after (JSON null where the member was or became absent).
 */
record Update(ObjectNode before, ObjectNode after) {

    /** The members of {@code was} and {@code now}, two views of one subject, that differ, in view order. */
    public static Update of(JsonNode was, JsonNode now) {
        Set<String> names = new LinkedHashSet<>();
        now.fieldNames().forEachRemaining(names::add);
        was.fieldNames().forEachRemaining(names::add);
        ObjectNode before = JsonNodeFactory.instance.objectNode();
        ObjectNode after = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            JsonNode old = member(was, name);
            JsonNode current = member(now, name);
            if (!old.equals(current)) {
                before.set(name, old);
                after.set(name, current);
            }
        }
        return new Update(before, after);
    }

    private static JsonNode member(JsonNode view, String name) {
        JsonNode value = view.get(name);
        return value == null ? NullNode.instance : value;
    }
}
