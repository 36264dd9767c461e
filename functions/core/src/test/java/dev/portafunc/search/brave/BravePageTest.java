package dev.portafunc.search.brave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BravePageTest {

    static BravePage page(int start, int count) {
        return BravePage.covering(new SearchRequest("q", count, start, null, null, null).validated());
    }

    @ParameterizedTest(name = "start {0}, count {1} -> count {2}, offset {3}, skip {4}")
    @CsvSource({
        "1, 10, 10, 0, 0",
        "11, 10, 10, 1, 0",
        "91, 10, 10, 9, 0",
        "1, 1, 1, 0, 0",
        "3, 3, 5, 0, 2",
        "20, 2, 3, 6, 1",
        "86, 10, 12, 7, 1",
        "91, 1, 10, 9, 0"
    })
    void aRequestIsAskedOfTheSmallestBravePageThatHoldsIt(int start, int count, int size, int offset, int skip) {
        assertThat(page(start, count)).isEqualTo(new BravePage(size, offset, skip));
    }

    @Test
    void everyRequestTheOtherProvidersTakeFitsOneBravePageWithinBravesLimits() {
        for (int start = 1; start <= SearchRequest.MAX_START; start++) {
            for (int count = 1; count <= SearchRequest.MAX_COUNT; count++) {
                BravePage page = page(start, count);
                int first = (start - 1);
                int last = first + count - 1;

                assertThat(page.count()).isBetween(count, BravePage.MAX_COUNT);
                assertThat(page.offset()).isBetween(0, BravePage.MAX_OFFSET);
                assertThat(page.offset() * page.count() + page.skip()).isEqualTo(first);
                assertThat(last).isLessThan((page.offset() + 1) * page.count());
            }
        }
    }
}
