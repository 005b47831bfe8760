package dev.parley.common;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Enums are names in request bodies: a number such as {@code "kind": 5} is a wrong type (400), not
 * the fifth constant, which would tie clients to declaration order. A member named twice in one
 * object is malformed (400): which one counts would be a guess, and Jackson cannot bind a repeated
 * member to a record at all. A string holding U+0000 is refused (400) as it is read: PostgreSQL
 * cannot store it, and no name, title or quote needs it.
 */
@Singleton
public class JsonStrictness implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.registerModule(new SimpleModule("no-nul").addDeserializer(String.class, new NoNul()));
    }

    /** Jackson's own string reading, refusing U+0000. */
    static final class NoNul extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = super.deserialize(p, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, "U+0000 in a string", value, String.class);
            }
            return value;
        }
    }
}
