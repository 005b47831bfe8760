package dev.parley.common;

import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 7396 JSON merge patch over a request record: the result is read back as a fresh request. */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;

    MergePatch(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Applies {@code patch} to {@code current} and reads the result as {@code type}; unknown members fail. */
    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidRequest("/", "a merge patch must be a JSON object");
        }
        JsonNode merged = merge(mapper.valueToTree(current), patch);
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw new PatchRejected(e);
        }
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** Carries Jackson's complaint about the merged document to {@code http.ProblemMapper}. */
    public static final class PatchRejected extends RuntimeException {
        PatchRejected(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
        }

        public JsonProcessingException json() {
            return (JsonProcessingException) getCause();
        }
    }
}
