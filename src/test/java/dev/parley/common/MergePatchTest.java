package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The examples of RFC 7396, appendix A, and the cases Parley relies on. */
class MergePatchTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode merge(String target, String patch) throws Exception {
        return MergePatch.merge(mapper.readTree(target), mapper.readTree(patch));
    }

    @Test
    void replacesAddsAndRemovesMembers() throws Exception {
        assertThat(merge("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo(mapper.readTree("{\"a\":\"c\"}"));
        assertThat(merge("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo(mapper.readTree("{\"a\":\"b\",\"b\":\"c\"}"));
        assertThat(merge("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo(mapper.readTree("{}"));
        assertThat(merge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}")).isEqualTo(mapper.readTree("{\"b\":\"c\"}"));
    }

    @Test
    void arraysAreReplacedWhole() throws Exception {
        assertThat(merge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo(mapper.readTree("{\"a\":\"c\"}"));
        assertThat(merge("{\"a\":[1,2]}", "{\"a\":[3]}")).isEqualTo(mapper.readTree("{\"a\":[3]}"));
    }

    @Test
    void nestedObjectsMergeRecursively() throws Exception {
        assertThat(merge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}"))
                .isEqualTo(mapper.readTree("{\"a\":{\"b\":\"d\"}}"));
        assertThat(merge("{\"e\":null}", "{\"a\":1}")).isEqualTo(mapper.readTree("{\"e\":null,\"a\":1}"));
        assertThat(merge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}"))
                .isEqualTo(mapper.readTree("{\"a\":{\"bb\":{}}}"));
    }

    @Test
    void aNonObjectPatchReplacesTheTarget() throws Exception {
        assertThat(merge("{\"a\":\"foo\"}", "[\"a\",\"b\"]")).isEqualTo(mapper.readTree("[\"a\",\"b\"]"));
        assertThat(merge("{\"a\":\"foo\"}", "null")).isEqualTo(mapper.readTree("null"));
    }
}
