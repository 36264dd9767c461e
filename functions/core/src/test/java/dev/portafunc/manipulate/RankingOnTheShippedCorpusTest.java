package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.local.CorpusReader;
import dev.portafunc.search.local.LocalIndex;
import dev.portafunc.search.local.LocalSearchProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Queries on the shipped corpus whose best page is known: the local provider finds it first, and ranking by relevance
 * keeps it first, rather than moving pages that merely contain the words somewhere above it.
 */
class RankingOnTheShippedCorpusTest {

    static LocalSearchProvider local;

    @BeforeAll
    static void indexTheShippedCorpus() {
        local = new LocalSearchProvider(
                LocalIndex.build(CorpusReader.readDirectory(Path.of("src/main/resources/portafunc/corpus"))));
    }

    @AfterAll
    static void close() throws Exception {
        local.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "scale to zero cold start                     | Scale to zero and cold starts",
                "cold starts                                  | Scale to zero and cold starts",
                "knative serving                              | Knative Serving",
                "graalvm native image                         | GraalVM Native Image",
                "garbage collection in the jvm                | Garbage collection in the JVM",
                "lambda snapstart                             | AWS Lambda SnapStart",
                "retries with exponential backoff and jitter  | Retries with exponential backoff and jitter",
                "problem details for http apis                | RFC 9457 Problem Details for HTTP APIs",
                "tracking parameters in urls                  | URLs and tracking parameters",
            })
    void theBestPageStaysFirstOnceRanked(String query, String best) {
        SearchResults results = local.search(SearchRequest.of(query).validated());
        Digest ranked = new Manipulator().manipulate(results);

        assertThat(results.items()).extracting(SearchItem::title).first().isEqualTo(best);
        assertThat(ranked.items()).extracting(DigestItem::title).first().isEqualTo(best);
        assertThat(ranked.items().getFirst().score()).isEqualTo(1.0);
    }
}
