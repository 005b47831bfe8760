package dev.parley.export;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break, its quotes doubled. Spreadsheets and pandas read it as UTF-8 without a byte order mark.
 */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    /** One record; null fields are written empty. */
    void row(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (fields[i] != null) {
                field(fields[i].toString());
            }
        }
        out.write("\r\n");
    }

    private void field(String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    void flush() throws IOException {
        out.flush();
    }
}
