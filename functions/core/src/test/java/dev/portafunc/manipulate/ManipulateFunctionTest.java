package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManipulateFunctionTest {

    final List<SearchRequest> asked = new ArrayList<>();
    final ManipulateFunction function = new ManipulateFunction(new Manipulator(), request -> {
        asked.add(request);
        return new SearchResults(
                request.query(),
                "stub",
                1L,
                2L,
                List.of(new SearchItem("Found " + request.query(), "https://a.example", null, "s", null)),
                null);
    });

    @Test
    void givenResultsItManipulatesThemWithoutSearching() {
        Digest digest = function.apply(new SearchResults(
                "q", "p", 1L, 1L, List.of(new SearchItem("T", "https://b.example", null, "s", null)), null));

        assertThat(digest.items()).extracting(DigestItem::title).containsExactly("T");
        assertThat(asked).isEmpty();
    }

    @Test
    void givenOnlyAQueryItSearchesFirst() {
        Digest digest = function.apply(SearchResults.queryOnly("  knative "));

        assertThat(asked).containsExactly(SearchRequest.of("knative").validated());
        assertThat(digest.provider()).isEqualTo("stub");
        assertThat(digest.items()).extracting(DigestItem::title).containsExactly("Found knative");
    }

    @Test
    void givenEmptyResultsItDoesNotSearch() {
        Digest digest = function.apply(new SearchResults("q", "p", 0L, 1L, List.of(), null));

        assertThat(digest.items()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void givenABlankQueryOnlyItRejectsTheQuery() {
        assertThatThrownBy(() -> function.apply(SearchResults.queryOnly(" ")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }

    @Test
    void givenMoreItemsThanAnyPageHoldsItRejectsThem() {
        SearchResults tooMany = new SearchResults(
                "q", "p", 1L, 1L, Collections.nCopies(101, new SearchItem("t", null, null, "s", null)), null);

        assertThatThrownBy(() -> function.apply(tooMany))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("items"));
    }
}
