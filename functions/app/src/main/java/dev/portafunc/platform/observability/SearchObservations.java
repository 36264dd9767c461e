package dev.portafunc.platform.observability;

import dev.portafunc.search.FallbackSearchProvider;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.OutgoingHeaders;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.TooManyRequestsException;
import dev.portafunc.search.resilience.ResilientSearch;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the search providers do, for operators. Every call to a provider is observed: a timer
 * {@code portafunc.search.calls} tagged with the provider and the outcome (for Google, its count is the paid queries),
 * and, with tracing on, a client span whose {@code traceparent} goes with the call. The guard around a remote provider
 * shows its retries, circuit state, cache hits and misses and the day's quota spent; a fallback chain counts each time it
 * moves on.
 *
 * <p>The query itself is never logged unless {@code portafunc.logging.queries} is set: it is the reader's text.
 */
@Component
public class SearchObservations {

    static final String CALLS = "portafunc.search.calls";

    private static final Logger log = LoggerFactory.getLogger(SearchObservations.class);

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final boolean logQueries;

    SearchObservations(
            ObservationRegistry observations,
            MeterRegistry meters,
            @Value("${portafunc.logging.queries:false}") boolean logQueries) {
        this.observations = observations;
        this.meters = meters;
        this.logQueries = logQueries;
    }

    /** The provider, each of its calls observed. */
    public SearchProvider observe(SearchProvider provider) {
        return new ObservedProvider(provider, observe(provider.name(), provider::search));
    }

    /** A call to an upstream named {@code provider}, observed. */
    public Function<SearchRequest, SearchResults> observe(
            String provider, Function<SearchRequest, SearchResults> call) {
        String tag = provider.replace(' ', '-');
        return request -> {
            Map<String, String> headers = new HashMap<>();
            SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
            context.setCarrier(headers);
            context.setRemoteServiceName(tag);
            Observation observation = Observation.createNotStarted(CALLS, () -> context, observations)
                    .contextualName("search " + tag)
                    .lowCardinalityKeyValue("provider", tag)
                    .start();
            if (headers.isEmpty() && TraceParent.INCOMING.isBound()) {
                // No span of our own: the caller's trace context goes on as it came.
                headers.put("traceparent", TraceParent.INCOMING.get().header());
            }
            String outcome = "error";
            try (Observation.Scope scope = observation.openScope()) {
                SearchResults results = ScopedValue.where(OutgoingHeaders.CURRENT, Map.copyOf(headers))
                        .call(() -> call.apply(request));
                outcome = "success";
                return results;
            } catch (ProviderException e) {
                outcome = e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
                observation.error(e);
                failed(tag, e);
                throw e;
            } catch (TooManyRequestsException e) {
                outcome = "too-many-requests";
                throw e;
            } catch (InvalidInputException e) {
                outcome = "invalid-input";
                throw e;
            } catch (RuntimeException e) {
                observation.error(e);
                throw e;
            } finally {
                observation.lowCardinalityKeyValue("outcome", outcome).stop();
                InvocationTally.providerCall(tag, outcome);
                if (logQueries) {
                    log.info("Search on {} for \"{}\": {}", tag, request.query(), outcome);
                }
            }
        };
    }

    /** When each provider's failure was last logged: once a minute is enough to tell an operator it is failing. */
    private final Map<String, Long> lastLogged = new java.util.concurrent.ConcurrentHashMap<>();

    private static final long LOG_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    /** Logs a provider's failure, at most once a minute per provider; each is counted in the calls' outcome anyway. */
    private void failed(String provider, ProviderException failure) {
        long now = System.nanoTime();
        Long last = lastLogged.get(provider);
        if (last == null || now - last > LOG_EVERY_NANOS) {
            lastLogged.put(provider, now);
            log.warn(
                    "{} failed: {} ({}; further failures within a minute are counted in portafunc_search_calls, not"
                            + " logged)",
                    provider,
                    failure.getMessage(),
                    failure.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    /**
     * The guarded provider, each of its searches answered without a call to the provider (from the cache, or by a call
     * another caller was making) counted as a cache hit of the invocation bound to {@link InvocationTally#CURRENT}.
     */
    public SearchProvider countCacheHits(SearchProvider guarded) {
        String tag = guarded.name().replace(' ', '-');
        return new SearchProvider() {
            @Override
            public String name() {
                return guarded.name();
            }

            @Override
            public SearchResults search(SearchRequest request) {
                if (!InvocationTally.CURRENT.isBound()) {
                    return guarded.search(request);
                }
                InvocationTally tally = InvocationTally.CURRENT.get();
                int before = tally.callsTo(tag);
                SearchResults results = guarded.search(request);
                if (tally.callsTo(tag) == before) {
                    tally.cacheHit();
                }
                return results;
            }

            @Override
            public Optional<String> unusable() {
                return guarded.unusable();
            }
        };
    }

    /** Each engine a provider reports unresponsive, counted. */
    public dev.portafunc.search.UnresponsiveEngines unresponsiveEngines() {
        return (provider, engines) -> {
            for (String engine : engines) {
                meters.counter("portafunc.search.engines.unresponsive", "provider", provider, "engine", engine)
                        .increment();
            }
        };
    }

    /** The guard's retries, circuit breaker, cache and daily quota, as meters tagged with its name. */
    public void bind(ResilientSearch guard) {
        String provider = guard.name().replace(' ', '-');
        Counter retries = Counter.builder("portafunc.search.retries")
                .description("Calls to the provider made again after a failure")
                .tag("provider", provider)
                .register(meters);
        guard.retry().getEventPublisher().onRetry(event -> retries.increment());
        CircuitBreaker breaker = guard.circuitBreaker();
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {
            CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN
        }) {
            Gauge.builder("portafunc.search.circuit.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the circuit's current state: closed (calls go through), open (calls fail fast)")
                    .tag("provider", provider)
                    .tag("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(meters);
        }
        guard.cacheStats().ifPresent(ignored -> {
            FunctionCounter.builder(
                            "portafunc.search.cache.gets",
                            guard,
                            g -> g.cacheStats().orElseThrow().hitCount())
                    .description("Searches answered from the cache")
                    .tag("provider", provider)
                    .tag("result", "hit")
                    .register(meters);
            FunctionCounter.builder(
                            "portafunc.search.cache.gets",
                            guard,
                            g -> g.cacheStats().orElseThrow().missCount())
                    .description("Searches that went to the provider")
                    .tag("provider", provider)
                    .tag("result", "miss")
                    .register(meters);
        });
        guard.quotaSpentToday().ifPresent(ignored -> {
            Gauge.builder(
                            "portafunc.search.quota.spent",
                            guard,
                            g -> g.quotaSpentToday().orElse(0))
                    .description("Calls made today against the provider's daily budget (for Google, paid queries)")
                    .tag("provider", provider)
                    .register(meters);
            Gauge.builder("portafunc.search.quota.limit", guard, g -> g.quotaLimit())
                    .description("The provider's daily budget of calls")
                    .tag("provider", provider)
                    .register(meters);
        });
    }

    /** Counts and logs each time a fallback chain moves on from a provider. */
    public FallbackSearchProvider.Listener fallbacks() {
        return (from, to, failure) -> {
            meters.counter("portafunc.search.fallbacks", "from", from.name(), "to", to.name())
                    .increment();
            long now = System.nanoTime();
            String key = from.name() + ">" + to.name();
            Long last = lastLogged.get(key);
            if (last == null || now - last > LOG_EVERY_NANOS) {
                lastLogged.put(key, now);
                log.warn(
                        "{} failed ({}); falling back to {} (further fallbacks within a minute are counted in"
                                + " portafunc_search_fallbacks, not logged)",
                        from.name(),
                        failure.getMessage(),
                        to.name());
            }
        };
    }

    /**
     * A provider with its calls observed, closed with the one it observes. When it comes to know it can never answer as
     * configured (its end date passed, its upstream refuses the API), or can again, that is logged once.
     */
    private static final class ObservedProvider implements SearchProvider, AutoCloseable {

        private final SearchProvider provider;
        private final Function<SearchRequest, SearchResults> call;
        private volatile Optional<String> lastUnusable = Optional.empty();

        ObservedProvider(SearchProvider provider, Function<SearchRequest, SearchResults> call) {
            this.provider = provider;
            this.call = call;
        }

        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public SearchResults search(SearchRequest request) {
            return call.apply(request);
        }

        @Override
        public Optional<String> unusable() {
            Optional<String> unusable = provider.unusable();
            if (!unusable.equals(lastUnusable)) {
                lastUnusable = unusable;
                unusable.ifPresentOrElse(
                        reason -> log.warn("{} is not used from now on: {}", provider.name(), reason),
                        () -> log.info("{} is used again", provider.name()));
            }
            return unusable;
        }

        @Override
        public void close() throws Exception {
            if (provider instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
