package dev.portafunc.search.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.Snapshots;
import dev.portafunc.search.TooManyRequestsException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResilientSearchTest {

    static final SearchRequest QUERY = SearchRequest.of("knative").validated();

    final AtomicInteger calls = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;

    static SearchResults results(SearchRequest request) {
        return new SearchResults(request.query(), "upstream", 1L, 1L, List.of(), null);
    }

    static ResilienceSettings settings(Duration ttl, int attempts, int perSecond, int dailyQuota) {
        return new ResilienceSettings(
                ttl,
                100,
                attempts,
                Duration.ofMillis(10),
                Duration.ofMillis(40),
                Duration.ofMillis(300),
                4,
                50,
                Duration.ofSeconds(30),
                perSecond,
                dailyQuota,
                ZoneId.of("America/Los_Angeles"));
    }

    ResilientSearch guard(ResilienceSettings settings, Function<SearchRequest, SearchResults> upstream) {
        return guard(settings, upstream, Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));
    }

    ResilientSearch guard(ResilienceSettings settings, Function<SearchRequest, SearchResults> upstream, Clock clock) {
        return new ResilientSearch(
                "upstream",
                request -> {
                    calls.incrementAndGet();
                    return upstream.apply(request);
                },
                settings,
                ticker,
                clock);
    }

    static ProviderException transientFailure(Duration retryAfter) {
        return ProviderException.transientFailure("upstream", Reason.UNAVAILABLE, "unavailable", retryAfter);
    }

    @Test
    void transientFailuresAreRetriedUntilOneSucceeds() {
        ResilientSearch search = guard(settings(Duration.ZERO, 3, 0, 0), request -> {
            if (calls.get() < 3) {
                throw transientFailure(null);
            }
            return results(request);
        });

        assertThat(search.search(QUERY).query()).isEqualTo("knative");
        assertThat(calls).hasValue(3);
    }

    @Test
    void retriesAreBounded() {
        ResilientSearch search = guard(settings(Duration.ZERO, 3, 0, 0), request -> {
            throw transientFailure(null);
        });

        assertThatThrownBy(() -> search.search(QUERY)).isInstanceOf(ProviderException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void rejectionsAndSpentQuotasAreNotRetried() {
        ResilientSearch rejected = guard(settings(Duration.ZERO, 3, 0, 0), request -> {
            throw new ProviderException("upstream", Reason.REJECTED, "400");
        });
        assertThatThrownBy(() -> rejected.search(QUERY)).isInstanceOf(ProviderException.class);
        assertThat(calls).hasValue(1);

        calls.set(0);
        ResilientSearch quota = guard(settings(Duration.ZERO, 3, 0, 0), request -> {
            throw new ProviderException("upstream", Reason.QUOTA_EXCEEDED, "per day", Duration.ofHours(3), false);
        });
        assertThatThrownBy(() -> quota.search(QUERY)).isInstanceOf(ProviderException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theUpstreamsRetryAfterIsWaitedFor() {
        ResilientSearch search = guard(settings(Duration.ZERO, 2, 0, 0), request -> {
            if (calls.get() == 1) {
                throw transientFailure(Duration.ofMillis(250));
            }
            return results(request);
        });

        long started = System.nanoTime();
        search.search(QUERY);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRetryAfterTooLongToWaitForIsPassedToTheCaller() {
        ResilientSearch search = guard(settings(Duration.ZERO, 3, 0, 0), request -> {
            throw transientFailure(Duration.ofSeconds(60));
        });

        assertThatThrownBy(() -> search.search(QUERY))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
        assertThat(calls).hasValue(1);
    }

    @Test
    void theCircuitOpensOnRepeatedFailuresAndThenFailsFastWith503() {
        ResilientSearch search = guard(settings(Duration.ZERO, 1, 0, 0), request -> {
            throw transientFailure(null);
        });
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> search.search(QUERY)).isInstanceOf(ProviderException.class);
        }
        int before = calls.get();

        assertThatThrownBy(() -> search.search(QUERY)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.getMessage()).contains("paused");
        });
        assertThat(calls).as("no upstream call while open").hasValue(before);
        assertThat(search.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void identicalConcurrentQueriesShareOneUpstreamCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ResilientSearch search = guard(settings(Duration.ofMinutes(5), 1, 0, 0), request -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return results(request);
        });
        List<Future<SearchResults>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                answers.add(callers.submit(() -> search.search(QUERY)));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<SearchResults> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).query()).isEqualTo("knative");
            }
        }

        assertThat(calls).hasValue(1);
    }

    @Test
    void resultsAreCachedForTheirTtl() {
        ResilientSearch search = guard(settings(Duration.ofMinutes(5), 1, 0, 0), ResilientSearchTest::results);

        search.search(QUERY);
        search.search(QUERY);
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        search.search(QUERY);
        assertThat(calls).hasValue(1);

        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        search.search(QUERY);
        assertThat(calls).hasValue(2);
        assertThat(search.cacheStats())
                .hasValueSatisfying(stats -> assertThat(stats.hitCount()).isEqualTo(2));
    }

    @Test
    void beforeASnapshotTheCacheIsEmptiedAndTheCircuitClosed() {
        ResilientSearch search = guard(settings(Duration.ofMinutes(5), 1, 0, 0), ResilientSearchTest::results);
        search.search(QUERY);
        search.circuitBreaker().transitionToOpenState();

        Snapshots.beforeSnapshot();

        assertThat(search.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        search.search(QUERY);
        assertThat(calls)
                .as("asked again, not answered from before the snapshot")
                .hasValue(2);
    }

    @Test
    void failuresAreNotCached() {
        ResilientSearch search = guard(settings(Duration.ofMinutes(5), 1, 0, 0), request -> {
            if (calls.get() == 1) {
                throw new ProviderException("upstream", Reason.REJECTED, "500 once");
            }
            return results(request);
        });

        assertThatThrownBy(() -> search.search(QUERY)).isInstanceOf(ProviderException.class);
        assertThat(search.search(QUERY).query()).isEqualTo("knative");
        assertThat(calls).hasValue(2);
    }

    @Test
    void ownRateLimitAnswersTooManyRequests() {
        ResilientSearch search = guard(settings(Duration.ZERO, 1, 2, 0), ResilientSearchTest::results);

        search.search(QUERY);
        search.search(QUERY);

        assertThatThrownBy(() -> search.search(QUERY))
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        e -> assertThat(e.retryAfter()).isPositive());
        assertThat(calls).hasValue(2);
    }

    @Test
    void theDailyBudgetStopsPaidCallsUntilMidnightInItsZone() {
        Clock noonInLosAngeles = Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC);
        ResilientSearch search =
                guard(settings(Duration.ZERO, 1, 0, 2), ResilientSearchTest::results, noonInLosAngeles);

        search.search(QUERY);
        search.search(QUERY);

        assertThatThrownBy(() -> search.search(QUERY)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
            assertThat(e.retryAfter()).contains(Duration.ofHours(12));
        });
        assertThat(calls).hasValue(2);
        assertThat(search.quotaSpentToday()).contains(2);
    }
}
