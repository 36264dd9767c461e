package dev.portafunc.platform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.SmartLifecycle;

/** The first request finds the JSON readers and writers of every exposed function already built. */
@SpringBootTest
class EdgePrefetchTest {

    @Autowired
    Edge edge;

    @Autowired
    @Qualifier("edgePrefetch")
    SmartLifecycle prefetch;

    @Test
    void preparesTheInputAndOutputOfEveryExposedFunctionAndTheProblem() {
        assertThat(edge.prefetch()).contains(SearchRequest.class, SearchResults.class, Digest.class, Problem.class);
    }

    @Test
    void startsWithTheContextBeforeTheTransports() {
        assertThat(prefetch.isRunning()).isTrue();
        assertThat(prefetch.getPhase()).isLessThan(SmartLifecycle.DEFAULT_PHASE - 1024);
    }
}
