package dev.parley.http;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import dev.parley.common.Dates;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Enums are names in request bodies: a number such as {@code "kind": 5} is a wrong type (400), not
 * the fifth constant, which would tie clients to declaration order. A member named twice in one
 * object is malformed (400): which one counts would be a guess, and Jackson cannot bind a repeated
 * member to a record at all. A string holding U+0000 is refused (400) as it is read: PostgreSQL
 * cannot store it, and no name, title or quote needs it. Days and instants outside the years 0001
 * to 9999 are refused as they are read ({@link Dates}).
 */
@Singleton
public class JsonStrictness implements ObjectMapperCustomizer {

    /** Last, after Quarkus registers its Java time module, whose day and instant readers these replace. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.registerModule(new SimpleModule("parley-strictness").addDeserializer(String.class, new NoNul())
                .addDeserializer(LocalDate.class,
                        new Supported<>(LocalDate.class, LocalDateDeserializer.INSTANCE, Dates::supported))
                .addDeserializer(Instant.class, new Supported<>(Instant.class, InstantDeserializer.INSTANT,
                        Dates::supported)));
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

    /** Jackson's own reading of a day or an instant, refusing a year outside 0001 to 9999. */
    static final class Supported<T> extends StdDeserializer<T> {

        private final JsonDeserializer<T> jackson;
        private final Predicate<T> supported;

        Supported(Class<T> type, JsonDeserializer<T> jackson, Predicate<T> supported) {
            super(type);
            this.jackson = jackson;
            this.supported = supported;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            T value = jackson.deserialize(p, context);
            if (value != null && !supported.test(value)) {
                throw InvalidFormatException.from(p, "year outside 0001 to 9999", value.toString(), handledType());
            }
            return value;
        }
    }
}
