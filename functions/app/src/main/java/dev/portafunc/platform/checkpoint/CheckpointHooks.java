package dev.portafunc.platform.checkpoint;

import dev.portafunc.search.Snapshots;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a process snapshot must not carry, and what a process restored from one does first: AWS Lambda SnapStart
 * snapshots the initialised function once and restores that snapshot for every cold start, as many copies, possibly
 * days later (any CRaC checkpoint does the same). One resource is registered with {@code org.crac}'s global context,
 * once the application is ready; the runtime's hooks call it.
 *
 * <p>Before the checkpoint it runs every {@link Resource} bean, in their order: SnapStart's priming first (it warms
 * what the snapshot keeps), then those that forget what no copy may share (the CloudEvents replies remembered and the
 * generator of reply ids); then every upstream client drops its connections, cached answers and credentials
 * ({@link Snapshots}). After the restore it runs them in the reverse order: the secret references are read again, and
 * each client reconnects on its next call.
 */
@Component
public class CheckpointHooks {

    private static final Logger log = LoggerFactory.getLogger(CheckpointHooks.class);

    private final ObjectProvider<Resource> participants;

    /** Held here, by this singleton: the global context holds its resources weakly. */
    private final Resource hooks = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> resources = participants.orderedStream().toList();
            for (Resource resource : resources) {
                resource.beforeCheckpoint(context);
            }
            int clients = Snapshots.beforeSnapshot();
            log.info("Ready for the snapshot: {} upstream clients without connections or cached state", clients);
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            List<Resource> resources = participants.orderedStream().toList();
            for (Resource resource : resources.reversed()) {
                resource.afterRestore(context);
            }
        }
    };

    CheckpointHooks(ObjectProvider<Resource> participants) {
        this.participants = participants;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        register(Core.getGlobalContext());
    }

    /** Registers the hooks with a context: the global one, or one a test drives. */
    void register(Context<Resource> context) {
        context.register(hooks);
    }
}
