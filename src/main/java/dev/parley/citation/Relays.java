package dev.parley.citation;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A citation's relays in one column, in order, joined by U+001F (the unit separator), which no
 * name may hold; an empty list is stored as null.
 */
@Converter
public class Relays implements AttributeConverter<List<String>, String> {

    static final String SEPARATOR = "\u001F";

    @Override
    public String convertToDatabaseColumn(List<String> relays) {
        return relays == null || relays.isEmpty() ? null : String.join(SEPARATOR, relays);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(SEPARATOR, -1));
    }
}
