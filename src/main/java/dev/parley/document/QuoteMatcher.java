package dev.parley.document;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a quote in a document's text under Parley's one matching rule: both are compared in
 * Unicode NFC, curly and straight quote marks are equal, and any run of white space equals any
 * other; nothing else is forgiven. A match starts and ends on grapheme cluster boundaries of the
 * text, so a quote never matches half of a letter with its accents. Offsets are code points of the
 * original text, and {@link Found#exact()} is the original slice, so a stored anchor always slices
 * back to the words it quotes.
 */
public final class QuoteMatcher {

    /** Code points of context kept on each side of a match, as a W3C TextQuoteSelector's prefix and suffix. */
    public static final int CONTEXT = 32;
    /** Places an ambiguous answer lists; the count says how many there are in all. */
    public static final int LISTED = 20;

    private QuoteMatcher() {
    }

    /** A slice of the original text in code points, {@code [start, end)}. */
    public record Place(int start, int end) {
    }

    /**
     * What narrows the places a quote occurs at: text right before it, text right after it (both
     * compared under the same rule) and its start offset; each may be null.
     */
    public record Context(String prefix, String suffix, Integer start) {

        public static final Context NONE = new Context(null, null, null);
    }

    /** What a search answers. */
    public sealed interface Result permits Found, NotFound, Ambiguous {
    }

    /** The one place: code-point offsets, the original slice and up to {@link #CONTEXT} code points around it. */
    public record Found(int start, int end, String exact, String prefix, String suffix) implements Result {
    }

    /** Nowhere with the context given; {@code withoutContext} counts the places the quote alone occurs at. */
    public record NotFound(int withoutContext) implements Result {
    }

    /** Several places and nothing to choose among them: the first {@link #LISTED} of them, and how many in all. */
    public record Ambiguous(List<Place> places, int count) implements Result {
    }

    /** Whether a quote holds anything to find: not empty, not only white space. */
    public static boolean matchable(String quote) {
        return quote != null && quote.codePoints().anyMatch(cp -> !space(cp));
    }

    /** Whether two strings are equal under the rule. */
    public static boolean same(String a, String b) {
        return Folded.of(a).folded.equals(Folded.of(b).folded);
    }

    /** Searches {@code text} once; see {@link #prepare} to search one text for several quotes. */
    public static Result find(String text, String quote, Context context) {
        return prepare(text).find(quote, context);
    }

    /** The text folded under the rule, ready to be searched any number of times. */
    public static Prepared prepare(String text) {
        return new Prepared(text, Folded.of(text));
    }

    /** A text and its folded form. Immutable, so it may be shared between threads. */
    public static final class Prepared {

        private final String text;
        private final Folded folded;

        private Prepared(String text, Folded folded) {
            this.text = text;
            this.folded = folded;
        }

        /**
         * Every place the quote occurs at, narrowed by the context.
         *
         * @throws IllegalArgumentException for a quote that is not {@link #matchable}
         */
        public Result find(String quote, Context context) {
            if (!matchable(quote)) {
                throw new IllegalArgumentException("A quote must hold more than white space.");
            }
            Context given = context == null ? Context.NONE : context;
            String needle = Folded.of(quote).folded;
            String prefix = given.prefix() == null ? "" : Folded.of(given.prefix()).folded;
            String suffix = given.suffix() == null ? "" : Folded.of(given.suffix()).folded;
            String haystack = folded.folded;
            int[] source = folded.source;
            List<Place> places = new ArrayList<>();
            int count = 0;
            int occurrences = 0;
            int firstChar = -1;
            int firstEndChar = -1;
            // Code points before the last hit's start: hits come in order, so each is counted once.
            int countedTo = 0;
            int countedCp = 0;
            for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
                int after = at + needle.length();
                if (!folded.boundary(at) || !folded.boundary(after)) {
                    continue;
                }
                occurrences++;
                int startChar = source[at];
                int endChar = after < haystack.length() ? source[after] : text.length();
                countedCp += text.codePointCount(countedTo, startChar);
                countedTo = startChar;
                if (!prefix.isEmpty() && (at < prefix.length()
                        || !haystack.regionMatches(at - prefix.length(), prefix, 0, prefix.length()))) {
                    continue;
                }
                if (!suffix.isEmpty() && !haystack.startsWith(suffix, after)) {
                    continue;
                }
                if (given.start() != null && given.start() != countedCp) {
                    continue;
                }
                if (count++ == 0) {
                    firstChar = startChar;
                    firstEndChar = endChar;
                }
                if (places.size() < LISTED) {
                    places.add(new Place(countedCp, countedCp + text.codePointCount(startChar, endChar)));
                }
            }
            if (count == 0) {
                return new NotFound(occurrences);
            }
            if (count > 1) {
                return new Ambiguous(List.copyOf(places), count);
            }
            Place place = places.get(0);
            return new Found(place.start(), place.end(), text.substring(firstChar, firstEndChar),
                    text.substring(folded.boundaryAtOrAfter(back(text, firstChar)), firstChar),
                    text.substring(firstEndChar, folded.boundaryAtOrBefore(ahead(text, firstEndChar))));
        }

        /** The text's length in code points. */
        public int length() {
            return folded.codePoints;
        }

        /** The text's length in UTF-16 units, what it and its folded form take in memory. */
        public int chars() {
            return text.length();
        }
    }

    private static int back(String text, int index) {
        int from = index;
        for (int i = 0; i < CONTEXT && from > 0; i++) {
            from = text.offsetByCodePoints(from, -1);
        }
        return from;
    }

    private static int ahead(String text, int index) {
        int to = index;
        for (int i = 0; i < CONTEXT && to < text.length(); i++) {
            to = text.offsetByCodePoints(to, 1);
        }
        return to;
    }

    /** The white space of Unicode's White_Space property, NBSP and line separators included. */
    static boolean space(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Curly quote marks as their straight forms; every other character as it is. */
    static char straighten(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B' -> '\'';
            case '\u201C', '\u201D', '\u201E', '\u201F' -> '"';
            default -> c;
        };
    }

    /**
     * A string folded under the rule, one grapheme cluster at a time: each cluster in NFC with its
     * quote marks straightened, each run of white-space clusters as one space. {@code source[i]} is
     * the UTF-16 index in the original string of the cluster (or run) that folded character i
     * comes from, so a folded character starts a cluster exactly where its source differs from
     * the one before.
     */
    private static final class Folded {

        final String folded;
        final int[] source;
        final int length;
        final int textLength;
        final int codePoints;

        private Folded(String folded, int[] source, int length, int textLength, int codePoints) {
            this.folded = folded;
            this.source = source;
            this.length = length;
            this.textLength = textLength;
            this.codePoints = codePoints;
        }

        static Folded of(String text) {
            StringBuilder out = new StringBuilder(text.length());
            int[] source = new int[Math.max(16, text.length())];
            int size = 0;
            boolean inSpace = false;
            Clusters clusters = new Clusters(text);
            for (int start = 0, end; start < text.length(); start = end) {
                end = clusters.end(start);
                if (spaces(text, start, end)) {
                    if (!inSpace) {
                        source = room(source, size + 1);
                        source[size++] = start;
                        out.append(' ');
                        inSpace = true;
                    }
                    continue;
                }
                inSpace = false;
                char single = text.charAt(start);
                if (end - start == 1 && Clusters.stable(single)) {
                    source = room(source, size + 1);
                    source[size++] = start;
                    out.append(straighten(single));
                    continue;
                }
                String normal = Normalizer.normalize(text.substring(start, end), Normalizer.Form.NFC);
                source = room(source, size + normal.length());
                for (int i = 0; i < normal.length(); i++) {
                    source[size++] = start;
                    out.append(straighten(normal.charAt(i)));
                }
            }
            return new Folded(out.toString(), source, size, text.length(), text.codePointCount(0, text.length()));
        }

        private static int[] room(int[] source, int needed) {
            return needed <= source.length ? source : Arrays.copyOf(source, Math.max(needed, source.length * 2));
        }

        private static boolean spaces(String text, int start, int end) {
            for (int i = start; i < end;) {
                int cp = text.codePointAt(i);
                if (!space(cp)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
            return true;
        }

        /** Whether folded index i starts a cluster (or run), or is the end. */
        boolean boundary(int i) {
            return i == 0 || i >= length || source[i] != source[i - 1];
        }

        /** The first cluster start at or after UTF-16 index {@code index} of the original, or its end. */
        int boundaryAtOrAfter(int index) {
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (source[mid] < index) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low < length ? source[low] : textLength;
        }

        /** The last cluster start at or before UTF-16 index {@code index} of the original, or its end. */
        int boundaryAtOrBefore(int index) {
            if (index >= textLength) {
                return textLength;
            }
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (source[mid] <= index) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return source[low - 1];
        }
    }

    /**
     * Grapheme clusters (Unicode extended grapheme clusters, as {@code \X} finds them) without
     * running the regular expression for the common case: a character that is its own cluster
     * because neither it nor the next one can join another.
     */
    static final class Clusters {

        static final Pattern GRAPHEME = Pattern.compile("\\X");

        private static final byte JOINS = 1;
        private static final byte UNSTABLE = 2;
        /** Per UTF-16 unit: whether it may join a neighbour in a cluster, and whether NFC changes it alone. */
        private static final byte[] FLAGS = new byte[Character.MAX_VALUE + 1];

        static {
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                byte flags = 0;
                if (joins((char) c)) {
                    flags |= JOINS;
                }
                if (c >= 0x300 && !Character.isSurrogate((char) c)
                        && !Normalizer.isNormalized(String.valueOf((char) c), Normalizer.Form.NFC)) {
                    flags |= UNSTABLE;
                }
                FLAGS[c] = flags;
            }
        }

        private final String text;
        private Matcher grapheme;

        Clusters(String text) {
            this.text = text;
        }

        /** The end of the cluster that starts at {@code start}. */
        int end(int start) {
            if (alone(text, start)) {
                return start + 1;
            }
            if (grapheme == null) {
                grapheme = GRAPHEME.matcher(text);
            }
            grapheme.region(start, text.length()).lookingAt();
            return grapheme.end();
        }

        /** Whether the character at {@code i} is a cluster of its own. */
        private static boolean alone(String text, int i) {
            char c = text.charAt(i);
            if ((FLAGS[c] & JOINS) != 0) {
                return false;
            }
            if (i + 1 == text.length()) {
                return true;
            }
            char next = text.charAt(i + 1);
            return (FLAGS[next] & JOINS) == 0 && !(c == '\r' && next == '\n');
        }

        /** Whether a character alone is already in NFC. */
        static boolean stable(char c) {
            return (FLAGS[c] & UNSTABLE) == 0 && !Character.isSurrogate(c);
        }

        /**
         * Characters a cluster boundary rule of UAX #29 may keep beside a neighbour: marks,
         * joiners, surrogates (emoji, regional indicators), Hangul jamo and syllables, prepended
         * concatenation marks, and the few letters that count as spacing marks or extenders.
         */
        private static boolean joins(char c) {
            return switch (Character.getType(c)) {
                case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                        Character.SURROGATE, Character.FORMAT ->
                    true;
                default -> (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF)
                        || (c >= 0x0600 && c <= 0x0605) || c == 0x06DD || c == 0x070F || c == 0x0890 || c == 0x0891
                        || c == 0x08E2 || c == 0x0D4E || c == 0x0E33 || c == 0x0EB3 || c == 0xFF9E || c == 0xFF9F;
            };
        }
    }
}
