package dev.portafunc.search.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResilientSearchProviderTest {

    final AtomicReference<String> reason = new AtomicReference<>();

    final SearchProvider provider = new SearchProvider() {
        @Override
        public String name() {
            return "searxng";
        }

        @Override
        public SearchResults search(SearchRequest request) {
            return new SearchResults(request.query(), name(), 0L, 1L, List.of(), null);
        }

        @Override
        public Optional<String> unusable() {
            return Optional.ofNullable(reason.get());
        }
    };

    final ResilientSearchProvider guarded = new ResilientSearchProvider(
            provider,
            new ResilienceSettings(
                    Duration.ofMinutes(1),
                    100,
                    1,
                    Duration.ofMillis(10),
                    Duration.ofMillis(40),
                    Duration.ofMillis(300),
                    4,
                    50,
                    Duration.ofSeconds(30),
                    0,
                    0,
                    ZoneId.of("America/Los_Angeles")));

    @Test
    void theGuardedProvidersUnusableReasonShowsThroughTheGuardAsItChanges() {
        assertThat(guarded.unusable()).isEmpty();

        reason.set("json is off");

        assertThat(guarded.unusable()).contains("json is off");
    }
}
