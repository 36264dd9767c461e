package dev.portafunc.platform.cloudevents;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portafunc.platform.cloudevents.CloudEvents.Mode;
import dev.portafunc.platform.cloudevents.CloudEvents.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The replies to the events answered lately, so that an event delivered again is answered as it was the first time
 * without calling the function again. Knative Eventing delivers at least once and asks its recipients to accept
 * duplicates; as the CloudEvents specification says, a duplicate is an event with the {@code source} and {@code id} of
 * one seen before. Here it must also come in the same mode, to the same function, asking for the same format, or it is
 * a request of its own.
 *
 * <p>Duplicates that arrive while the first is being answered wait for its reply (Caffeine's single flight), so they
 * make no second call either. Only replies Eventing will not retry are remembered (a success, or a 4xx it treats as
 * final): one it retries (404, 408, 409, 429, 5xx) is shared with those already waiting and then forgotten, so the
 * retry calls the function again. In memory, per instance: a restart forgets them, and so does a process snapshot.
 */
final class DuplicateEvents {

    static final String METRIC = "portafunc.cloudevents.duplicates";

    /** What makes two deliveries the same event, to the same function, answered the same way. */
    record Key(Mode mode, String function, String source, String id, String accept) {}

    private final AsyncCache<Key, Reply> replies;
    private final Map<Mode, Counter> duplicates = new EnumMap<>(Mode.class);

    DuplicateEvents(CloudEventsProperties.Duplicates settings, MeterRegistry meters, Ticker ticker) {
        this.replies = settings.remembered()
                ? Caffeine.newBuilder()
                        .expireAfterWrite(settings.window())
                        .maximumSize(settings.maximumSize())
                        .ticker(ticker)
                        .buildAsync()
                : null;
        for (Mode mode : Mode.values()) {
            duplicates.put(
                    mode,
                    Counter.builder(METRIC)
                            .description("CloudEvents delivered again and answered with the reply already given")
                            .tag("mode", mode.label())
                            .register(meters));
        }
    }

    /** The reply to the event {@code key} names: the one remembered, or the one {@code invocation} makes. */
    Reply reply(Key key, Supplier<Reply> invocation) {
        if (replies == null) {
            return invocation.get();
        }
        CompletableFuture<Reply> ours = new CompletableFuture<>();
        CompletableFuture<Reply> shared = replies.get(key, (k, executor) -> ours);
        if (shared != ours) {
            Reply earlier = await(shared);
            if (earlier != null) {
                duplicates.get(key.mode()).increment();
                return earlier;
            }
            return reply(key, invocation); // the first delivery failed without a reply: this one tries itself
        }
        Reply reply = null;
        try {
            reply = invocation.get();
            return reply;
        } finally {
            if (reply == null || CloudEvents.isRetried(reply.answer().status())) {
                replies.asMap().remove(key, ours);
            }
            // A reply to share with those waiting; null (nothing to share) makes Caffeine drop the entry quietly.
            ours.complete(reply);
        }
    }

    /** Forgets every reply. */
    void forget() {
        if (replies != null) {
            replies.synchronous().invalidateAll();
        }
    }

    private static Reply await(CompletableFuture<Reply> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an event's first delivery to be answered");
        }
    }
}
