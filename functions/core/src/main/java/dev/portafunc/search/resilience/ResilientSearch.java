package dev.portafunc.search.resilience;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.Snapshots;
import dev.portafunc.search.TooManyRequestsException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls to one upstream search service, guarded. In order, for each search:
 *
 * <ol>
 *   <li>a cache: a query asked again within the TTL costs nothing, and identical queries asked at the same time share
 *       one upstream call (single flight);
 *   <li>retries, bounded, with exponential backoff and full jitter, on connection errors, 5xx and per-minute rate
 *       limits, waiting at least the upstream's Retry-After; never on a rejected request or a spent quota;
 *   <li>per attempt: portafunc's own rate limit and daily budget (a paid call not made is money kept), then a circuit
 *       breaker that, once the upstream keeps failing, fails calls fast with a 503 and Retry-After instead of letting
 *       them pile up waiting.
 * </ol>
 *
 * Built on Caffeine and Resilience4j; their objects are exposed for metrics. Before a process snapshot the cache is
 * emptied and the circuit closed ({@link Snapshots}): a copy restored later cannot tell how old either is.
 */
public final class ResilientSearch implements Snapshots.Hook {

    private static final Logger LOG = System.getLogger(ResilientSearch.class.getName());

    private final String name;
    private final Function<SearchRequest, SearchResults> upstream;
    private final ResilienceSettings settings;
    private final AsyncCache<SearchRequest, Outcome> cache;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final DailyQuota quota;

    public ResilientSearch(String name, Function<SearchRequest, SearchResults> upstream, ResilienceSettings settings) {
        this(name, upstream, settings, Ticker.systemTicker(), Clock.systemUTC());
    }

    ResilientSearch(
            String name,
            Function<SearchRequest, SearchResults> upstream,
            ResilienceSettings settings,
            Ticker ticker,
            Clock clock) {
        this.name = name;
        this.upstream = upstream;
        this.settings = settings;
        this.cache = settings.cacheTtl().isZero()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(settings.cacheMaximumSize())
                        .expireAfterWrite(settings.cacheTtl())
                        .ticker(ticker)
                        .recordStats()
                        .buildAsync();
        this.retry = Retry.of(name, retryConfig(settings));
        this.breaker = CircuitBreaker.of(name, breakerConfig(settings));
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition transition = event.getStateTransition();
            LOG.log(
                    transition.getToState() == CircuitBreaker.State.OPEN ? Level.WARNING : Level.INFO,
                    "Calls to {0}: circuit {1} to {2}",
                    name,
                    transition.getFromState(),
                    transition.getToState());
        });
        this.limiter = settings.callsPerSecond() <= 0
                ? null
                : RateLimiter.of(
                        name,
                        RateLimiterConfig.custom()
                                .limitForPeriod(settings.callsPerSecond())
                                .limitRefreshPeriod(Duration.ofSeconds(1))
                                .timeoutDuration(Duration.ZERO)
                                .build());
        this.quota =
                settings.dailyQuota() <= 0 ? null : new DailyQuota(settings.dailyQuota(), settings.quotaZone(), clock);
        Snapshots.register(this);
    }

    /** Forgets every cached answer and closes the circuit. */
    @Override
    public void beforeSnapshot() {
        if (cache != null) {
            cache.synchronous().invalidateAll();
        }
        breaker.reset();
    }

    public SearchResults search(SearchRequest request) {
        if (cache == null) {
            return withRetries(request);
        }
        CompletableFuture<Outcome> ours = new CompletableFuture<>();
        CompletableFuture<Outcome> shared = cache.get(request, (key, executor) -> ours);
        if (shared == ours) {
            // This caller asked first: it makes the call, on its own thread; the others wait for its answer. A failure
            // is an outcome too (a future failed exceptionally would have Caffeine log a warning with a stack trace
            // per failed search): shared with those waiting, then taken out of the cache, never kept.
            try {
                ours.complete(new Outcome(withRetries(request), null));
            } catch (RuntimeException e) {
                ours.complete(new Outcome(null, e));
                cache.asMap().remove(request, ours);
            } finally {
                if (ours.completeExceptionally(new IllegalStateException("A shared search did not finish"))) {
                    cache.asMap().remove(request, ours); // an Error: those waiting are not left hanging
                }
            }
        }
        return await(shared).results();
    }

    /** What one upstream call came to: results, or the failure to pass on to everyone who asked. */
    private record Outcome(SearchResults value, RuntimeException failure) {
        SearchResults results() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    private SearchResults withRetries(SearchRequest request) {
        return Retry.decorateSupplier(retry, () -> attempt(request)).get();
    }

    private SearchResults attempt(SearchRequest request) {
        if (limiter != null && !limiter.acquirePermission()) {
            throw new TooManyRequestsException(
                    "portafunc's own limit of " + settings.callsPerSecond() + " calls per second to " + name
                            + " is reached",
                    Duration.ofSeconds(1));
        }
        if (!breaker.tryAcquirePermission()) {
            throw new ProviderException(
                    name,
                    Reason.UNAVAILABLE,
                    name + " has been failing; calls to it are paused",
                    settings.breakerOpenFor(),
                    false);
        }
        if (quota != null && !quota.tryConsume()) {
            breaker.releasePermission();
            throw new ProviderException(
                    name,
                    Reason.QUOTA_EXCEEDED,
                    "portafunc's daily budget of " + quota.limit() + " calls to " + name + " is spent",
                    quota.untilReset(),
                    false);
        }
        long started = System.nanoTime();
        try {
            SearchResults results = upstream.apply(request);
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return results;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    private static Outcome await(CompletableFuture<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a search", e);
        }
    }

    private static RetryConfig retryConfig(ResilienceSettings settings) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff().toMillis(),
                2.0,
                1.0,
                settings.maxBackoff().toMillis());
        IntervalBiFunction<Object> wait = (attempt, outcome) -> {
            long millis = backoff.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException failure) {
                millis = Math.max(
                        millis, failure.retryAfter().map(Duration::toMillis).orElse(0L));
            }
            return millis;
        };
        return RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(wait)
                .retryOnException(e -> e instanceof ProviderException failure
                        && failure.isRetryable()
                        && failure.retryAfter()
                                .map(after -> after.compareTo(settings.maxRetryAfter()) <= 0)
                                .orElse(true))
                .build();
    }

    private static CircuitBreakerConfig breakerConfig(ResilienceSettings settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerWindow())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, settings.breakerWindow())))
                // The upstream failing counts; our own rejections and a spent quota do not.
                .recordException(e -> e instanceof ProviderException failure
                        && failure.reason() != Reason.QUOTA_EXCEEDED
                        && (failure.isRetryable() || failure.reason() == Reason.TIMEOUT))
                .build();
    }

    public String name() {
        return name;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public Retry retry() {
        return retry;
    }

    public Optional<RateLimiter> rateLimiter() {
        return Optional.ofNullable(limiter);
    }

    public Optional<CacheStats> cacheStats() {
        return Optional.ofNullable(cache).map(c -> c.synchronous().stats());
    }

    /** The daily budget of calls; 0 when there is none. */
    public int quotaLimit() {
        return quota == null ? 0 : quota.limit();
    }

    /** Calls made today against the daily budget, when there is one. */
    public Optional<Integer> quotaSpentToday() {
        return Optional.ofNullable(quota).map(DailyQuota::spentToday);
    }
}
