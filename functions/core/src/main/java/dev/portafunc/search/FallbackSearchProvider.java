package dev.portafunc.search;

import dev.portafunc.search.ProviderException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Providers tried in order: when one fails (unreachable, timing out, refusing, out of quota, or over portafunc's own
 * limit for it), the next one answers, and the results name the provider that did. A request that is itself invalid
 * is not retried elsewhere. A provider that says it is {@linkplain SearchProvider#unusable() unusable} is skipped
 * without a call, and the skip is reported like a fallback. The last failure goes to the caller when every provider
 * failed.
 *
 * <p>For example {@code google,searxng,local}: Google while it lasts, then a self-hosted SearXNG, then the embedded
 * index, which cannot fail for want of a network.
 */
public final class FallbackSearchProvider implements SearchProvider, AutoCloseable {

    /**
     * Told each time a search moves on from one provider to the next, because it failed or because it was skipped as
     * unusable (then {@code failure} is a {@link ProviderException} whose message is the reason).
     */
    @FunctionalInterface
    public interface Listener {
        void fellBack(SearchProvider from, SearchProvider to, RuntimeException failure);
    }

    private final List<SearchProvider> chain;
    private final Listener listener;
    private final String name;

    public FallbackSearchProvider(List<SearchProvider> chain, Listener listener) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A fallback chain needs at least one provider");
        }
        this.chain = List.copyOf(chain);
        this.listener = listener;
        this.name = chain.stream().map(SearchProvider::name).collect(Collectors.joining(","));
    }

    /** The chain, such as {@code google,searxng,local}; each result names the one provider that answered. */
    @Override
    public String name() {
        return name;
    }

    public List<SearchProvider> chain() {
        return chain;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        RuntimeException failure = null;
        RuntimeException lastCalledFailure = null;
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            SearchProvider provider = chain.get(i);
            if (failure != null) {
                listener.fellBack(chain.get(i - 1), provider, failure);
            }
            Optional<String> unusable = provider.unusable();
            if (unusable.isPresent()) {
                failure = new ProviderException(provider.name(), Reason.CLOSED, unusable.get());
                skipped.add(provider.name() + ": " + unusable.get());
                continue;
            }
            try {
                return provider.search(request);
            } catch (ProviderException | TooManyRequestsException e) {
                failure = e;
                lastCalledFailure = e;
            }
        }
        // A provider that was called says more about this search than one skipped for a standing reason.
        if (lastCalledFailure != null) {
            throw lastCalledFailure;
        }
        throw new ProviderException(
                name, Reason.CLOSED, "No provider in " + name + " can answer: " + String.join("; ", skipped));
    }

    /** Empty while any provider in the chain may answer; otherwise each provider's reason, joined. */
    @Override
    public Optional<String> unusable() {
        List<String> reasons = new ArrayList<>();
        for (SearchProvider provider : chain) {
            Optional<String> reason = provider.unusable();
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(provider.name() + ": " + reason.get());
        }
        return Optional.of(String.join("; ", reasons));
    }

    /** Closes the providers in the chain that hold resources, such as the local index. */
    @Override
    public void close() throws Exception {
        for (SearchProvider provider : chain) {
            if (provider instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
