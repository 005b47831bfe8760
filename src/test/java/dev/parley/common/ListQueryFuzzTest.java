package dev.parley.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.FuzzScene;
import dev.parley.support.FuzzedJson;
import dev.parley.support.JazzerFirst;
import dev.parley.support.Loopback;
import dev.parley.support.TextInput;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzed query parameters on every list and on the matrix: page sizes, filters, days, and page
 * tokens that are real, forged with a real prefix, taken from another list, or anything at all.
 * The answer is a page or a problem, never a 5xx.
 */
// Jazzer before Quarkus, so that JAZZER_FUZZ=1 fuzzes: see JazzerFirst.
@ExtendWith(JazzerFirst.class)
@QuarkusTest
class ListQueryFuzzTest {

    private static final List<String> SIZES = List.of("2", "1", "50", "500", "501", "0", "-1", "x", "2147483648",
            " 7 ", "+3", "1e2", "٣");
    private static final List<String> DAYS = List.of("2022-01-15", FuzzScene.TABLED_ON, "2021-01-01", "2022-02-30",
            "+999999999-12-31", "-999999999-01-01", "0000-01-01", "20220115", "2022-1-5");

    @FuzzTest(maxDuration = "3m")
    void anyListQueryIsAPageOrAProblem(FuzzedDataProvider data) {
        FuzzScene scene = FuzzScene.get();
        Map<String, Map<String, List<String>>> lists = lists(scene);
        List<String> paths = List.copyOf(lists.keySet());
        TextInput input = TextInput.of(data);
        String path;
        Map<String, String> query = new LinkedHashMap<>();
        if (input != null) {
            path = scene.fill(input.target().startsWith("/") ? input.target() : "/" + input.target());
            for (String pair : input.text().strip().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), scene.fill(pair.substring(equals + 1)));
                }
            }
            if (query.containsKey("page_token")) {
                query.put("page_token", token(data, path, query, query.get("page_token")));
            }
        } else {
            path = data.pickValue(paths);
            lists.get(path).forEach((name, samples) -> query.put(name, parameter(data, samples)));
            query.put("page_size", parameter(data, SIZES));
            query.put("page_token", token(data, path, query, null));
        }
        Loopback request = Loopback.get(path);
        query.forEach(request::query);
        request.send().assertWellFormed();
    }

    /** Every list and its filters, with sample values that match something. */
    private static Map<String, Map<String, List<String>>> lists(FuzzScene scene) {
        Map<String, Map<String, List<String>>> lists = new LinkedHashMap<>();
        lists.put("/api/v1/demands", Map.of("negotiation", List.of(scene.negotiation()),
                "proposer", List.of(scene.proposer()), "addressee", List.of(scene.first()),
                "status", List.of("REJECTED", "PENDING", "AGREED", "IN_NEGOTIATION", "WITHDRAWN", "rejected"),
                "topic", List.of("security"), "q", List.of("asks", "%", "_", "!", "DEMAND"),
                "include", List.of("positions", "citations", "positions,citations", "explain")));
        lists.put("/api/v1/parties", Map.of());
        lists.put("/api/v1/negotiations", Map.of());
        lists.put("/api/v1/sources", Map.of());
        lists.put("/api/v1/citations", Map.of("demand", List.of(scene.demand()), "party", List.of(scene.first()),
                "source", List.of(scene.source())));
        lists.put("/api/v1/webhooks", Map.of());
        lists.put("/api/v1/api-keys", Map.of());
        lists.put("/api/v1/demands/" + scene.demand() + "/positions/" + scene.first() + "/history",
                Map.of("as_of", DAYS));
        lists.put("/api/v1/webhooks/" + scene.webhook() + "/deliveries", Map.of());
        lists.put("/api/v1/negotiations/" + scene.negotiation() + "/matrix", Map.of("as_of", DAYS));
        String talks = "/api/v1/negotiations/" + scene.negotiation();
        lists.put(talks + "/diff", Map.of("from", DAYS, "to", DAYS));
        lists.put(talks + "/timeline", Map.of());
        lists.put(talks + "/series", Map.of("interval", List.of("day", "week", "month", "year"), "by",
                List.of("demand_status", "party", "topic"), "from", DAYS, "to", DAYS));
        lists.put(talks + "/milestones", Map.of());
        lists.put(talks + "/alignment", Map.of("as_of", DAYS));
        lists.put("/api/v1/changes", Map.of("negotiation", List.of(scene.negotiation()), "demand",
                List.of(scene.demand()), "party", List.of(scene.first()), "type",
                List.of("position.changed", "demand.status_changed", "demand.created"), "to_status",
                List.of("REJECTED", "AGREED", "rejected")));
        lists.put("/api/v1/tombstones", Map.of("since", List.of("2022-01-01T00:00:00Z", "2022-01-01")));
        lists.put("/api/v1/releases", Map.of());
        return lists;
    }

    /** A query value: mostly a sample, else left out, edged, mangled or anything. */
    private static String parameter(FuzzedDataProvider data, List<String> samples) {
        return switch (data.consumeInt(0, 7)) {
            case 0, 1, 2 -> samples.isEmpty() ? null : data.pickValue(samples);
            case 3 -> null;
            case 4 -> data.consumeString(40);
            case 5 -> textOf(data.pickValue(FuzzedJson.EDGES));
            case 6 -> samples.isEmpty() ? "" : data.pickValue(samples) + data.consumeString(6);
            default -> data.consumeAsciiString(20);
        };
    }

    /**
     * A page token for {@code path}: a real one from its first page under the same filters, that
     * one forged with another key or mangled, another list's, or made up.
     */
    private static String token(FuzzedDataProvider data, String path, Map<String, String> query, String given) {
        if (given != null && !given.equals("{token}") && !given.equals("{forged}")) {
            return given;
        }
        Loopback first = Loopback.get(path).query("page_size", "1");
        query.forEach((name, value) -> {
            if (!name.equals("page_size") && !name.equals("page_token")) {
                first.query(name, value);
            }
        });
        Loopback.Reply reply = first.send();
        String real = reply.status() == 200 ? reply.json().path("next_page_token").asText(null) : null;
        if ("{token}".equals(given)) {
            return real;
        }
        int mode = "{forged}".equals(given) ? 1 : data.consumeInt(0, 6);
        if (real == null && mode <= 2) {
            mode = 3;
        }
        return switch (mode) {
            case 0 -> real;
            case 1 -> {
                String plain = decode(real);
                yield encode(plain.substring(0, Math.max(0, plain.indexOf(':') + 1)) + data.consumeString(40));
            }
            case 2 -> real.substring(0, data.consumeInt(0, real.length())) + data.consumeAsciiString(4);
            case 3 -> Loopback.get("/api/v1/parties").query("page_size", "1").send().json().path("next_page_token")
                    .asText(null);
            case 4 -> encode(data.consumeString(40));
            case 5 -> data.consumeString(60);
            default -> null;
        };
    }

    private static String decode(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
