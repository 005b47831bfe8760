package dev.parley.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON made from fuzzer data: mostly what a member expects, often something near it (an edge
 * value, a wrong type, a mangled sample), sometimes anything. When the data runs out every choice
 * falls to the first option, a valid sample, so short inputs still make real requests.
 */
public final class FuzzedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values that have broken services before: limits, encodings, calendar edges, types. */
    public static final List<JsonNode> EDGES = List.of(
            text(""), text(" "), text("\u0000"), text("a\u0000b"), text("\uD800"), text("\uD83D\uDE00"),
            text("Ünïcødé"), text("x".repeat(81)), text("x".repeat(5000)), text("-"), text("a-"), text("A"),
            text("a--b"), text("%"), text("_"), text("!"), text("'"), text("\""), text("\\"), text("*"), text("null"),
            text("0"), text("-1"), text("NaN"), text("2022-02-29"), text("2022-13-01"), text("+999999999-12-31"),
            text("-999999999-01-01"), text("+10000-01-01"), text("0000-01-01"), text("9999-12-31"),
            text("1970-01-01"), text("2022-01-10T00:00:00Z"), text("+999999999-12-31T23:59:59Z"),
            text("http://127.0.0.1:9/"), text("https://"), text("Q0"), text("src_"), text("cit_"),
            NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("1" + "0".repeat(40))), NODES.numberNode(1.5), NODES.numberNode(-0.0),
            NODES.numberNode(new BigDecimal("1e400")), NODES.booleanNode(true), NODES.booleanNode(false),
            NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().addNull(), NODES.arrayNode().add(""));

    private FuzzedJson() {
    }

    public static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    /** An object with each member chosen by {@link #member}, now and then with a member nobody knows. */
    public static ObjectNode object(FuzzedDataProvider data, Map<String, List<JsonNode>> members) {
        ObjectNode object = NODES.objectNode();
        members.forEach((name, samples) -> {
            JsonNode value = member(data, samples);
            if (value != null) {
                object.set(name, value);
            }
        });
        if (data.consumeInt(0, 7) == 7) {
            object.set(data.consumeString(16), any(data, 1));
        }
        return object;
    }

    /** A member's value, or null to leave the member out. */
    public static JsonNode member(FuzzedDataProvider data, List<JsonNode> samples) {
        return switch (data.consumeInt(0, 9)) {
            case 0, 1, 2, 3 -> data.pickValue(samples);
            case 4 -> null;
            case 5 -> NODES.nullNode();
            case 6 -> text(data.consumeString(40));
            case 7 -> data.pickValue(EDGES);
            case 8 -> near(data, data.pickValue(samples));
            default -> any(data, 2);
        };
    }

    /** A list of 0 to {@code max} elements, each from {@code element}; the empty input gives one. */
    public static ArrayNode list(FuzzedDataProvider data, int max, Supplier<JsonNode> element) {
        ArrayNode list = NODES.arrayNode();
        int size = (data.consumeInt(0, max) + 1) % (max + 1);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** A sample bent out of shape: cut, grown, cased, padded or turned into another type. */
    static JsonNode near(FuzzedDataProvider data, JsonNode sample) {
        String text = sample.isTextual() ? sample.asText() : sample.toString();
        return switch (data.consumeInt(0, 6)) {
            case 0 -> text(text + data.consumeString(8));
            case 1 -> text(text.isEmpty() ? text : text.substring(0, data.consumeInt(0, text.length() - 1)));
            case 2 -> text(text.toUpperCase());
            case 3 -> text(" " + text + " ");
            case 4 -> NODES.arrayNode().add(sample);
            case 5 -> text(text.repeat(data.consumeInt(2, 40)));
            default -> text(data.consumeString(4) + text);
        };
    }

    /** Any JSON value, nested at most {@code depth} deep. */
    public static JsonNode any(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.numberNode(data.consumeDouble());
            case 4 -> text(data.consumeString(40));
            case 5 -> data.pickValue(EDGES);
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    array.add(any(data, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    object.set(data.consumeString(12), any(data, depth - 1));
                }
                yield object;
            }
        };
    }
}
