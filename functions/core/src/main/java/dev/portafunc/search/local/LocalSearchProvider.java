package dev.portafunc.search.local;

import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Searches the embedded {@link LocalIndex}: real, ranked results with no key and no network. */
public final class LocalSearchProvider implements SearchProvider, AutoCloseable {

    private final CompletableFuture<LocalIndex> index;

    public LocalSearchProvider(LocalIndex index) {
        this.index = CompletableFuture.completedFuture(index);
    }

    private LocalSearchProvider(CompletableFuture<LocalIndex> index) {
        this.index = index;
    }

    /**
     * A provider whose index {@code open} opens on a thread of its own, while the rest of the application starts; a
     * search that comes before it is open waits for it.
     */
    public static LocalSearchProvider opening(Supplier<LocalIndex> open) {
        CompletableFuture<LocalIndex> index = new CompletableFuture<>();
        Thread.ofPlatform().name("local-index").daemon().start(() -> {
            try {
                index.complete(open.get());
            } catch (RuntimeException | Error e) {
                index.completeExceptionally(e);
            }
        });
        return new LocalSearchProvider(index);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return index().search(request, name());
    }

    @Override
    public void close() throws java.io.IOException {
        index().close();
    }

    private LocalIndex index() {
        try {
            return index.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                case null, default -> throw e;
            }
        }
    }
}
