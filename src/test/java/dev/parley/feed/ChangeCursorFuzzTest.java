package dev.parley.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.FuzzScene;
import dev.parley.support.JazzerFirst;
import dev.parley.support.Loopback;
import dev.parley.support.TextInput;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzed change-feed cursors, as {@code after} on the feed and as {@code Last-Event-ID} or
 * {@code after} on the event stream: real ones, forged ones, mangled ones, anything. The feed
 * answers a page or a problem; the stream starts or answers a problem; never a 5xx. The stream is
 * closed as soon as its headers arrive.
 */
// Jazzer before Quarkus, so that JAZZER_FUZZ=1 fuzzes: see JazzerFirst.
@ExtendWith(JazzerFirst.class)
@QuarkusTest
class ChangeCursorFuzzTest {

    private static final List<String> SIZES = List.of("2", "1", "500", "501", "0", "-1", "x");

    @FuzzTest(maxDuration = "3m")
    void anyCursorIsAPageOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get(); // its writes are changes, so the feed has cursors to take
        JsonNode page = Loopback.get("/api/v1/changes").query("page_size", "2").send().assertStatus(200).json();
        String real = page.path("items").path(0).path("cursor").asText();
        String next = page.path("next_cursor").asText();
        TextInput input = TextInput.of(data);
        String where;
        String cursor;
        String size;
        if (input != null) {
            where = input.pick(List.of("changes", "stream", "stream-after"));
            List<String> lines = input.lines();
            cursor = lines.isEmpty() ? null : scene.fill(lines.get(0).replace("{cursor}", real).replace("{next}", next));
            size = lines.size() > 1 ? lines.get(1) : null;
        } else {
            where = data.consumeInt(0, 7) < 6 ? "changes" : data.pickValue(List.of("stream", "stream-after"));
            cursor = cursor(data, real);
            size = data.consumeBoolean() ? data.pickValue(SIZES) : null;
        }
        Loopback request = switch (where) {
            case "changes" -> Loopback.get("/api/v1/changes").query("after", cursor).query("page_size", size);
            case "stream" -> Loopback.get("/api/v1/changes/stream").header("Last-Event-ID", cursor);
            default -> Loopback.get("/api/v1/changes/stream").query("after", cursor);
        };
        if (!where.equals("changes")) {
            request.header("Accept", "text/event-stream");
        }
        request.send().assertWellFormed();
    }

    /** A cursor: a real one, one forged in the real format, a mangled one, or anything. */
    private static String cursor(FuzzedDataProvider data, String real) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> real;
            case 1 -> encode("c1:" + data.consumeLong());
            case 2 -> encode("c1:" + data.consumeString(24));
            case 3 -> encode(data.consumeString(24));
            case 4 -> data.consumeString(40);
            case 5 -> real.substring(0, data.consumeInt(0, real.length())) + data.consumeAsciiString(3);
            case 6 -> Base64.getEncoder().encodeToString(("c1:" + data.consumeInt()).getBytes(StandardCharsets.UTF_8));
            default -> null;
        };
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
