package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void sizeDefaultsTo50AndIsClampedTo500() {
        assertThat(PageRequest.of(null, null, "f").size()).isEqualTo(50);
        assertThat(PageRequest.of("7", null, "f").size()).isEqualTo(7);
        assertThat(PageRequest.of("100000", null, "f").size()).isEqualTo(500);
    }

    @Test
    void zeroNegativeAndNonNumericSizesAreRejected() {
        for (String bad : List.of("0", "-3", "ten", "1.5")) {
            assertThatThrownBy(() -> PageRequest.of(bad, null, "f"))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void tokenCarriesTheLastKeyOfThePage() {
        PageRequest first = PageRequest.of("2", null, "filters");
        Page<String> page = first.page(List.of("a", "b", "c"), s -> s);
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.nextPageToken()).isNotNull();
        assertThat(PageRequest.of("2", page.nextPageToken(), "filters").after()).isEqualTo("b");
    }

    @Test
    void lastPageHasNoToken() {
        Page<String> page = PageRequest.of("2", null, "f").page(List.of("a", "b"), s -> s);
        assertThat(page.nextPageToken()).isNull();
    }

    @Test
    void tokenReusedWithOtherFiltersIsRejected() {
        String token = PageRequest.of("1", null, "status=PENDING").page(List.of("a", "b"), s -> s).nextPageToken();
        assertThatThrownBy(() -> PageRequest.of("1", token, "status=REJECTED"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_PAGE_TOKEN"));
    }

    @Test
    void forgedTokensAreRejected() {
        for (String bad : List.of("%%%", "bm9jb2xvbg", "Og")) {
            assertThatThrownBy(() -> PageRequest.of("1", bad, "f"))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.code()).isEqualTo("INVALID_PAGE_TOKEN"));
        }
    }
}
