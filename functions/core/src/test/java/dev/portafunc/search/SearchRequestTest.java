package dev.portafunc.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchRequestTest {

    @Test
    void requestDefaultsToTheFirstTenResults() {
        SearchRequest request = SearchRequest.of("java").validated();

        assertThat(request.count()).isEqualTo(10);
        assertThat(request.start()).isEqualTo(1);
    }

    @Test
    void validatedTrimsTheQueryAndNormalisesOptions() {
        SearchRequest request = new SearchRequest("  java  ", 5, 11, "HIGH", " pt-BR ", "Docs.Example.ORG").validated();

        assertThat(request).isEqualTo(new SearchRequest("java", 5, 11, "active", "pt-BR", "docs.example.org"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void validatedRejectsAnEmptyQuery(String query) {
        assertThatThrownBy(() -> SearchRequest.of(query).validated())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }

    @Test
    void validatedRejectsAQueryOverTheLimit() {
        assertThatThrownBy(() -> SearchRequest.of("a".repeat(2049)).validated())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("query");
                    assertThat(e.getMessage()).contains("2048");
                });
        assertThat(SearchRequest.of("a".repeat(2048)).validated().query()).hasSize(2048);
    }

    @Test
    void validatedRejectsNulCharacters() {
        assertThatThrownBy(() -> SearchRequest.of("a\u0000b").validated())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }

    @ParameterizedTest
    @CsvSource({"0,1,count", "11,1,count", "-3,1,count", "10,0,start", "10,92,start", "10,2147483647,start"})
    void validatedRejectsOutOfRangePaging(int count, int start, String field) {
        assertThatThrownBy(() -> new SearchRequest("java", count, start, null, null, null).validated())
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void validatedAcceptsTheLastPage() {
        assertThat(new SearchRequest("java", 10, 91, null, null, null)
                        .validated()
                        .start())
                .isEqualTo(91);
    }

    @ParameterizedTest
    @CsvSource({"safe,maybe", "language,english!", "site,http://example.org/", "site,exa mple.org"})
    void validatedRejectsMalformedOptions(String field, String value) {
        SearchRequest request = switch (field) {
            case "safe" -> new SearchRequest("q", null, null, value, null, null);
            case "language" -> new SearchRequest("q", null, null, null, value, null);
            default -> new SearchRequest("q", null, null, null, null, value);
        };
        assertThatThrownBy(request::validated)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
