package dev.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps fuzzed webhook subscriptions on loopback. The test profile allows private targets, and a
 * subscription is delivered to whenever anything changes, so a fuzzed URL that happened to be valid
 * would send traffic off this machine: any http(s) URL in a webhook body is pointed at
 * {@link FuzzScene#WEBHOOK_TARGET} first. Other URLs the service refuses anyway.
 */
public final class Webhooks {

    private Webhooks() {
    }

    /** The body with its url member, if any and if http(s), moved to loopback. */
    public static byte[] onLoopback(byte[] body) {
        JsonNode json;
        try {
            json = Loopback.JSON.readTree(body);
        } catch (Exception e) {
            return body; // the service cannot read it either: nothing is subscribed
        }
        return json instanceof ObjectNode object ? Loopback.write(onLoopback(object)) : body;
    }

    public static ObjectNode onLoopback(ObjectNode body) {
        JsonNode url = body.get("url");
        if (url != null && url.isTextual() && url.asText().strip().toLowerCase().matches("(?s)^https?:.*")) {
            body.put("url", FuzzScene.WEBHOOK_TARGET + Integer.toHexString(url.asText().hashCode()));
        }
        return body;
    }

    /**
     * Deletes the subscription a 201 created, so that no fuzzed one stays subscribed. A 201 replayed
     * for a repeated Idempotency-Key created nothing: its subscription went with the first answer.
     */
    public static void forget(Loopback.Reply created) {
        if (created.status() == 201 && created.header("Idempotent-Replayed").isEmpty()) {
            String location = created.header("Location").orElseThrow();
            String path = location.substring(location.indexOf("/api/"));
            Loopback.delete(path).ifMatch(FuzzScene.etag(path)).send().assertStatus(204);
        }
    }
}
