package dev.parley.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.document.QuoteMatcher.Ambiguous;
import dev.parley.document.QuoteMatcher.Context;
import dev.parley.document.QuoteMatcher.Found;
import dev.parley.document.QuoteMatcher.NotFound;
import dev.parley.document.QuoteMatcher.Place;
import dev.parley.document.QuoteMatcher.Result;

class QuoteMatcherTest {

    private static final String E_ACUTE = "\u00e9";
    private static final String E_COMBINING = "e\u0301";
    private static final String FRAKTUR_U = "\uD835\uDD18";
    private static final String FLAG_UA = "\uD83C\uDDFA\uD83C\uDDE6";

    private static Found found(String text, String quote) {
        return found(text, quote, Context.NONE);
    }

    private static Found found(String text, String quote, Context context) {
        Result result = QuoteMatcher.find(text, quote, context);
        assertThat(result).as(quote + " in " + text).isInstanceOf(Found.class);
        Found found = (Found) result;
        // The anchor slices back to the exact words: offsets are code points of the original.
        int from = text.offsetByCodePoints(0, found.start());
        int to = text.offsetByCodePoints(0, found.end());
        assertThat(text.substring(from, to)).isEqualTo(found.exact());
        assertThat(QuoteMatcher.same(found.exact(), quote)).isTrue();
        assertThat(text.substring(0, from)).endsWith(found.prefix());
        assertThat(text.substring(to)).startsWith(found.suffix());
        return found;
    }

    private static void notFound(String text, String quote) {
        assertThat(QuoteMatcher.find(text, quote, Context.NONE)).as(quote + " in " + text)
                .isInstanceOf(NotFound.class);
    }

    @Test
    void findsAQuoteAndAnswersCodePointOffsetsAndTheOriginalSlice() {
        Found found = found("Moscow said: no NATO enlargement, ever.", "no NATO enlargement");
        assertThat(found).isEqualTo(new Found(13, 32, "no NATO enlargement", "Moscow said: ", ", ever."));
    }

    @Test
    void aQuoteAtTheVeryStartHasNoPrefixAndOneAtTheVeryEndNoSuffix() {
        String text = "Guarantees now. We need guarantees";
        Found first = found(text, "Guarantees now.");
        assertThat(first.start()).isZero();
        assertThat(first.prefix()).isEmpty();
        Found last = found(text, "need guarantees");
        assertThat(last.end()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(last.suffix()).isEmpty();
        Found whole = found(text, text);
        assertThat(whole).isEqualTo(new Found(0, text.length(), text, "", ""));
    }

    @Test
    void contextIsAtMostThirtyTwoCodePointsOnEachSide() {
        String before = "a".repeat(40);
        String after = "b".repeat(40);
        Found found = found(before + " quoted words " + after, "quoted words");
        assertThat(found.prefix()).isEqualTo("a".repeat(31) + " ");
        assertThat(found.suffix()).isEqualTo(" " + "b".repeat(31));
    }

    @Test
    void contextOfAstralCharactersCountsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(40) + "here" + FRAKTUR_U.repeat(40);
        Found found = found(text, "here");
        assertThat(found.start()).isEqualTo(40);
        assertThat(found.end()).isEqualTo(44);
        assertThat(found.prefix()).isEqualTo(emoji.repeat(32));
        assertThat(found.suffix()).isEqualTo(FRAKTUR_U.repeat(32));
    }

    @Test
    void astralCharactersCountAsOneCodePointEach() {
        String text = "\uD83D\uDE00 " + FRAKTUR_U + "nion " + FRAKTUR_U + " said \uD83D\uDCDC yes";
        Found found = found(text, FRAKTUR_U + " said \uD83D\uDCDC");
        assertThat(found.start()).isEqualTo(8);
        assertThat(found.end()).isEqualTo(16);
        assertThat(found.exact()).isEqualTo(FRAKTUR_U + " said \uD83D\uDCDC");
    }

    @Test
    void decomposedAndPrecomposedLettersAreTheSame() {
        Found inDecomposed = found("la s" + E_COMBINING + "curit" + E_COMBINING + " europ" + E_COMBINING + "enne",
                "s" + E_ACUTE + "curit" + E_ACUTE);
        assertThat(inDecomposed.start()).isEqualTo(3);
        // Two code points longer than the quote: the slice is the original's, combining marks and all.
        assertThat(inDecomposed.end()).isEqualTo(13);
        assertThat(inDecomposed.exact()).isEqualTo("s" + E_COMBINING + "curit" + E_COMBINING);
        Found inPrecomposed = found("la s" + E_ACUTE + "curit" + E_ACUTE, "s" + E_COMBINING + "curit" + E_COMBINING);
        assertThat(inPrecomposed).isEqualTo(new Found(3, 11, "s" + E_ACUTE + "curit" + E_ACUTE, "la ", ""));
    }

    @Test
    void aQuoteNeverMatchesHalfOfALetterWithItsMarks() {
        // The base letter alone is not the letter with its accent, composed or not.
        notFound("caf" + E_COMBINING, "cafe");
        notFound("caf" + E_ACUTE, "cafe");
        // q with a tilde has no precomposed form, so the folded text holds a plain q: still not a match.
        notFound("the q\u0303 rule", "the q");
        notFound("the q\u0303 rule", "\u0303 rule");
        // Nor does a lone mark match the mark of a letter.
        notFound("caf" + E_COMBINING, "\u0301");
        // Nor half a flag, nor half an emoji sequence joined with ZWJ.
        notFound("flag " + FLAG_UA + " up", "\uD83C\uDDFA");
        notFound("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 here", "\uD83D\uDC68");
        Found flag = found("flag " + FLAG_UA + " up", FLAG_UA + " up");
        assertThat(flag.start()).isEqualTo(5);
    }

    @Test
    void aLetterWithSeveralMarksMatchesInAnyCanonicalOrder() {
        // Dot below (ccc 220) and dot above (ccc 230) in either order are canonically equivalent.
        Found found = found("Vi\u1EC7t and s\u0323\u0307 here", "s\u0307\u0323 here");
        assertThat(found.exact()).isEqualTo("s\u0323\u0307 here");
    }

    @Test
    void curlyAndStraightQuoteMarksAreTheSameButSingleIsNotDouble() {
        String text = "He said \u201Cwe\u2019ll see\u201D and left.";
        Found found = found(text, "\"we'll see\"");
        assertThat(found.exact()).isEqualTo("\u201Cwe\u2019ll see\u201D");
        found("He said \"we'll see\" and left.", "\u201Cwe\u2019ll see\u201D");
        found("\u201Elow\u201C and \u201Bhigh\u2019", "\"low\" and 'high'");
        notFound(text, "'we'll see'");
    }

    @Test
    void anyRunOfWhiteSpaceIsTheSameAsAnyOther() {
        String text = "security\u00A0guarantees\n\n\tfrom\r\nNATO \u2003 now";
        Found found = found(text, "security guarantees from NATO now");
        assertThat(found.exact()).isEqualTo(text);
        found("no\tmore", "no\u00A0more");
        found("no more", "no \n more");
        found("line one\u2028line two", "one line");
        // White space is never dropped: none is not some.
        notFound("nomore", "no more");
        notFound("no more", "nomore");
    }

    @Test
    void aRunOfWhiteSpaceAtTheEdgeOfAQuoteTakesTheWholeRun() {
        Found found = found("a   b   c", "b ");
        assertThat(found).isEqualTo(new Found(4, 8, "b   ", "a   ", "c"));
        Found leading = found("a   b   c", " b");
        assertThat(leading).isEqualTo(new Found(1, 5, "   b", "a", "   c"));
    }

    @Test
    void nothingElseIsForgiven() {
        notFound("NATO enlargement", "nato enlargement");
        notFound("non-aggression", "non\u2011aggression");
        notFound("\u00ABguarantees\u00BB", "\"guarantees\"");
        notFound("\uFB01nal", "final");
        notFound("x\u00B2", "x2");
    }

    @Test
    void rightToLeftTextAndDirectionMarksAreCharactersLikeAnyOther() {
        String text = "\u200F\u05E9\u05DC\u05D5\u05DD \u05E2\u05DC\u05D9\u05DB\u05DD\u200E said in Hebrew";
        Found found = found(text, "\u05E2\u05DC\u05D9\u05DB\u05DD\u200E said");
        assertThat(found.start()).isEqualTo(6);
        assertThat(found.end()).isEqualTo(17);
        assertThat(found.prefix()).isEqualTo("\u200F\u05E9\u05DC\u05D5\u05DD ");
        // A mark is not white space and is not ignored.
        notFound(text, "\u05E2\u05DC\u05D9\u05DB\u05DD said");
        Found arabic = found("\u0642\u0627\u0644: \u0644\u0627 \u0644\u062A\u0648\u0633\u0639",
                "\u0644\u0627 \u0644\u062A\u0648\u0633\u0639");
        assertThat(arabic.start()).isEqualTo(5);
    }

    @Test
    void severalPlacesWithoutContextAreAmbiguousAndNamed() {
        String text = "No. Then again: no. And finally no.";
        Result result = QuoteMatcher.find(text, "no.", Context.NONE);
        assertThat(result).isEqualTo(new Ambiguous(List.of(new Place(16, 19), new Place(32, 35)), 2));
        Result overlapping = QuoteMatcher.find("aaa", "aa", Context.NONE);
        assertThat(overlapping).isEqualTo(new Ambiguous(List.of(new Place(0, 2), new Place(1, 3)), 2));
    }

    @Test
    void prefixOrSuffixChoosesOnePlace() {
        String text = "No. Then again: no. And finally no.";
        assertThat(found(text, "no.", new Context("again: ", null, null)).start()).isEqualTo(16);
        assertThat(found(text, "No.").start()).isZero();
        assertThat(found(text, "no.", new Context("finally ", null, null)).start()).isEqualTo(32);
        assertThat(found(text, "no.", new Context(null, " And", null)).start()).isEqualTo(16);
        // The context is compared under the same rule.
        assertThat(found(text, "no.", new Context("again:\u00A0\n", null, null)).start()).isEqualTo(16);
        assertThat(found(text, "no.", new Context(null, null, 32)).start()).isEqualTo(32);
    }

    @Test
    void contextThatFitsNoPlaceIsNotFoundAndSaysWhereTheQuoteAloneIs() {
        String text = "No. Then again: no. And finally no.";
        assertThat(QuoteMatcher.find(text, "no.", new Context("never ", null, null))).isEqualTo(new NotFound(2));
        assertThat(QuoteMatcher.find(text, "no.", new Context(null, null, 3))).isEqualTo(new NotFound(2));
        assertThat(QuoteMatcher.find(text, "yes", Context.NONE)).isEqualTo(new NotFound(0));
    }

    @Test
    void theFoundContextChoosesTheSamePlaceAgain() {
        String text = "s" + E_COMBINING + "curit" + E_COMBINING + " \u201Cnow\u201D, then s" + E_COMBINING
                + "curit" + E_COMBINING + " \u201Cnow\u201D again \uD83D\uDE00";
        Result ambiguous = QuoteMatcher.find(text, "s" + E_ACUTE + "curit" + E_ACUTE + " \"now\"", Context.NONE);
        assertThat(ambiguous).isInstanceOf(Ambiguous.class);
        Found second = found(text, "s" + E_ACUTE + "curit" + E_ACUTE + " \"now\"", new Context("then ", null, null));
        // What an export stores is enough for an import to find the same place.
        Found again = found(text, second.exact(), new Context(second.prefix(), second.suffix(), second.start()));
        assertThat(again).isEqualTo(second);
    }

    @Test
    void contextNeverStartsOrEndsInsideALetterWithItsMarks() {
        String text = "e\u0301".repeat(20) + "quote" + "a\u0308".repeat(20);
        Found found = found(text, "quote");
        assertThat(found.prefix()).isEqualTo("e\u0301".repeat(16));
        assertThat(found.suffix()).isEqualTo("a\u0308".repeat(16));
        // Here 32 code points back lands between a base letter and its mark: the prefix starts after it.
        String odd = "e\u0301".repeat(16) + "y" + "quote";
        assertThat(found(odd, "quote").prefix()).isEqualTo("e\u0301".repeat(15) + "y");
    }

    @Test
    void aQuoteOfAstralAndCombiningCharactersAtBothEnds() {
        String text = FRAKTUR_U + "sed caf" + E_COMBINING;
        Found found = found(text, text);
        assertThat(found).isEqualTo(new Found(0, 10, text, "", ""));
    }

    @Test
    void crLfIsOneRunOfWhiteSpaceLikeAnyOther() {
        Found found = found("one\r\ntwo", "one two");
        assertThat(found.end()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\u00A0", "\n\t ", "\u2003\u3000" })
    void aQuoteOfNothingOrOnlyWhiteSpaceIsRefused(String quote) {
        assertThat(QuoteMatcher.matchable(quote)).isFalse();
        assertThatThrownBy(() -> QuoteMatcher.find("some text", quote, Context.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyTextHoldsNothing() {
        notFound("", "anything");
        notFound("   ", "a");
    }

    @Test
    void aPreparedTextAnswersLikeAFreshSearch() {
        String text = "We reject it. We reject it again.";
        QuoteMatcher.Prepared prepared = QuoteMatcher.prepare(text);
        assertThat(prepared.length()).isEqualTo(text.length());
        assertThat(prepared.find("reject it again", Context.NONE)).isEqualTo(
                QuoteMatcher.find(text, "reject it again", Context.NONE));
        assertThat(prepared.find("We reject it", Context.NONE)).isInstanceOf(Ambiguous.class);
    }

    @Test
    void aLargeTextIsSearchedInOnePass() {
        String filler = "Lorem ipsum dolor sit amet, s" + E_COMBINING + "curit" + E_COMBINING + " \u201Cguarantees\u201D. ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 1_000_000) {
            text.append(filler);
        }
        int at = text.codePointCount(0, text.length());
        text.append("The one sentence that is here once.");
        Found found = found(text.toString(), "The one sentence that is here once.");
        assertThat(found.start()).isEqualTo(at);
        Result many = QuoteMatcher.find(text.toString(), "\"guarantees\"", Context.NONE);
        assertThat(many).isInstanceOfSatisfying(Ambiguous.class, a -> {
            assertThat(a.places()).hasSize(QuoteMatcher.LISTED);
            assertThat(a.count()).isGreaterThan(10_000);
        });
    }

    /** The shortcut for characters that stand alone agrees with Unicode's cluster rules as the JDK implements them. */
    @Test
    void clustersAreTheJdksGraphemeClusters() {
        String[] pieces = { "a", "e", "\u0301", "\u0323", "\u0303", "\r", "\n", " ", "\u00A0", "\u200D", "\u200C",
                "\u200F", "\uD83D\uDC68", "\uD83D\uDC69", "\uD83C\uDDFA", "\uD83C\uDDE6", "\uD83C\uDFFD", "\uFE0F",
                "\u1100", "\u1161", "\u11A8", "\uAC00", "\u0915", "\u094D", "\u0937", "\u0600", "\u0661", "\u0E01",
                "\u0E33", "\uFF76", "\uFF9E", "\u00A9", "\u2019", "\u05D0", "\u05B7", "\u0644", "\u064E", "\uD835\uDD18",
                "\u0000", "\uDC00", "\uD800" };
        java.util.Random random = new java.util.Random(15);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            java.util.List<Integer> expected = new java.util.ArrayList<>();
            java.text.BreakIterator jdk = java.text.BreakIterator.getCharacterInstance();
            jdk.setText(s);
            for (int b = jdk.next(); b != java.text.BreakIterator.DONE; b = jdk.next()) {
                expected.add(b);
            }
            java.util.List<Integer> actual = new java.util.ArrayList<>();
            QuoteMatcher.Clusters clusters = new QuoteMatcher.Clusters(s);
            for (int start = 0; start < s.length();) {
                start = clusters.end(start);
                actual.add(start);
            }
            assertThat(actual).as(s.chars().mapToObj(c -> String.format("%04X", c)).toList().toString())
                    .isEqualTo(expected);
        }
    }
}
