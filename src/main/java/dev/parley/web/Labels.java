package dev.parley.web;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How the pages name and colour enum values: "OPEN_TO_DISCUSSION" reads "open to discussion". */
@TemplateExtension
final class Labels {

    private Labels() {
    }

    static String label(Enum<?> value) {
        String words = value.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The CSS class that colours a status; the text beside it always says the same. */
    static String css(Enum<?> value) {
        return "s-" + value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
