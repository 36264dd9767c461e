package dev.portafunc.platform.upstream;

import dev.portafunc.platform.http.WebProperties;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service is ready, asks each free upstream in the chain (a SearXNG, a deployed search function) for one
 * result, in the background, and logs what it answered: a SearXNG without its JSON API is reported at start, and the
 * chain then knows not to call it. Paid upstreams are never called but for a caller. Off with
 * {@code portafunc.search.check-at-start=false}, and where no HTTP server runs (Lambda, whose snapshot must hold no
 * connection).
 */
@Component
class StartCheck {

    private static final Logger log = LoggerFactory.getLogger(StartCheck.class);

    private final List<SearchProvider> providers = new CopyOnWriteArrayList<>();
    private final boolean enabled;

    StartCheck(WebProperties web, @Value("${portafunc.search.check-at-start:true}") boolean checkAtStart) {
        this.enabled = web.enabled() && checkAtStart;
    }

    void add(SearchProvider provider) {
        providers.add(provider);
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        if (!enabled || providers.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("start-check").start(() -> {
            for (SearchProvider provider : providers) {
                try {
                    provider.search(new SearchRequest("portafunc", 1, 1, null, null, null));
                    log.info("{} answers", provider.name());
                } catch (RuntimeException e) {
                    log.warn("{} does not answer yet: {}", provider.name(), e.getMessage());
                }
            }
        });
    }
}
