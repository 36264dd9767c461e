package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A provider whose index opens beside the start: searches wait for it, and a failure to open reaches them. */
class LocalSearchProviderTest {

    @Test
    void aSearchBeforeTheIndexIsOpenWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LocalSearchProvider provider = LocalSearchProvider.opening(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return LocalIndex.build(CorpusReader.readDirectory(Path.of("src/main/resources/portafunc/corpus")));
        });
        try (var searches = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SearchResults> search = searches.submit(
                    () -> provider.search(SearchRequest.of("apache lucene").validated()));
            Thread.sleep(50);
            assertThat(search).isNotDone();

            release.countDown();

            assertThat(search.get(30, TimeUnit.SECONDS).items().getFirst().title())
                    .isEqualTo("Apache Lucene");
        } finally {
            provider.close();
        }
    }

    @Test
    void anIndexThatFailsToOpenFailsEachSearchWithItsOwnException() {
        LocalSearchProvider provider = LocalSearchProvider.opening(() -> {
            throw new IllegalStateException("the index is unreadable");
        });

        assertThatThrownBy(() -> provider.search(SearchRequest.of("lucene").validated()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the index is unreadable");
        assertThatThrownBy(() -> provider.search(SearchRequest.of("lucene").validated()))
                .isInstanceOf(IllegalStateException.class);
    }
}
