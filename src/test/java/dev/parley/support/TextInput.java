package dev.parley.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * A fuzz input written by hand: text ending in a newline, whose first line names what to call and
 * whose rest is sent as it stands. The committed inputs are of this kind, so they read as the
 * requests they make; anything else is fuzzer data a fuzz test builds a request from.
 */
public record TextInput(String target, byte[] payload) {

    /** The text input, or null for fuzzer data, of which only the last byte has then been read. */
    public static TextInput of(FuzzedDataProvider data) {
        if (data.consumeInt(0, 255) != '\n') {
            return null;
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        int newline = 0;
        while (newline < bytes.length && bytes[newline] != '\n') {
            newline++;
        }
        String target = new String(bytes, 0, newline, StandardCharsets.UTF_8).strip();
        byte[] payload = newline >= bytes.length ? new byte[0] : Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        return new TextInput(target, payload);
    }

    /** The payload with the scene's placeholders filled in, unless it is not UTF-8 text. */
    public byte[] payload(FuzzScene scene) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
            return scene.fill(text).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return payload;
        }
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload's lines, for inputs that carry several values. */
    public List<String> lines() {
        return text().lines().toList();
    }

    /** The target among {@code choices}; one the fuzzer has mangled still picks one. */
    public String pick(List<String> choices) {
        return choices.contains(target) ? target : choices.get(Math.floorMod(target.hashCode(), choices.size()));
    }
}
