package dev.parley.common;

import static dev.parley.support.Api.unique;
import static dev.parley.support.FuzzedJson.object;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.support.FuzzScene;
import dev.parley.support.FuzzedJson;
import dev.parley.support.JazzerFirst;
import dev.parley.support.Loopback;
import dev.parley.support.TextInput;
import dev.parley.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzed RFC 7396 merge patches on every resource that takes one, each on a resource of its own:
 * the answer is the changed resource or a problem, never a 5xx.
 */
// Jazzer before Quarkus, so that JAZZER_FUZZ=1 fuzzes: see JazzerFirst.
@ExtendWith(JazzerFirst.class)
@QuarkusTest
class MergePatchFuzzTest {

    private static final List<String> PATCHABLE = List.of("parties", "negotiations", "demands", "sources",
            "webhooks");
    private static final List<String> MEDIA_TYPES = List.of("application/merge-patch+json",
            "application/merge-patch+json; charset=UTF-8", "application/json", "application/json-patch+json",
            "text/plain");

    @FuzzTest(maxDuration = "3m")
    void anyMergePatchIsAppliedOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        TextInput input = TextInput.of(data);
        String resource = input != null ? input.pick(PATCHABLE) : data.pickValue(PATCHABLE);
        String slug = unique("fz");
        Map<String, List<JsonNode>> members = RequestBodyFuzzTest.members(resource, scene, slug);
        Loopback.Reply created = Loopback.post("/api/v1/" + resource).json(valid(members)).send().assertStatus(201);
        String location = created.header("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/"));
        try {
            byte[] patch;
            if (input != null) {
                patch = input.payload(scene);
            } else {
                // A patch repeats the slug it has, so the slug sample is the resource's own.
                members.put("slug", List.of(FuzzedJson.text(slug)));
                patch = Loopback.write(data.consumeInt(0, 15) == 15 ? FuzzedJson.any(data, 2) : object(data, members));
            }
            if (resource.equals("webhooks")) {
                patch = Webhooks.onLoopback(patch);
            }
            String mediaType = data.consumeInt(0, 15) == 15 ? data.pickValue(MEDIA_TYPES) : MEDIA_TYPES.get(0);
            Loopback.patch(path).body(mediaType, patch).ifMatch(RequestBodyFuzzTest.ifMatch(data, FuzzScene.etag(path)))
                    .send().assertWellFormed();
        } finally {
            if (resource.equals("webhooks")) {
                Webhooks.forget(created);
            }
        }
    }

    /** A body of each member's first sample: the valid one. */
    private static ObjectNode valid(Map<String, List<JsonNode>> members) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        members.forEach((name, samples) -> body.set(name, samples.get(0)));
        return body;
    }
}
