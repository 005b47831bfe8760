package dev.parley.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.parley.common.ApiException;

/** Change-log cursors: opaque to clients, exact for the service, and a clear 400 when forged. */
class CursorsTest {

    @Test
    void everyPositionSurvivesTheRoundTrip() {
        for (long position : new long[] { 0, 1, 41, 1L << 40, Long.MAX_VALUE }) {
            assertThat(Cursors.decode(Cursors.encode(position), "after")).isEqualTo(position);
        }
    }

    @Test
    void cursorsAreOpaqueUrlSafeTokens() {
        String cursor = Cursors.encode(Long.MAX_VALUE);
        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void aStringTheServiceDidNotIssueIsA400NamingTheParameter() {
        for (String forged : new String[] { "", "not base64!", "42", encoded("c1:-1"), encoded("c2:5"),
                encoded("c1:"), encoded("c1:99999999999999999999") }) {
            ApiException refused = catchThrowableOfType(ApiException.class, () -> Cursors.decode(forged, "after"));
            assertThat(refused).as(forged).isNotNull();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_CURSOR");
            assertThat(refused.errors()).singleElement().satisfies(error -> assertThat(error.pointer()).contains("after"));
        }
    }

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
