package dev.portafunc.platform.lambda;

import dev.portafunc.search.SecretSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * The secrets {@link SecretReferences} resolved at start, read again: after a SnapStart restore (the snapshot may be days
 * old, and the copies restored from it must not all carry what it held), and in a warm environment once they are older
 * than {@code portafunc.secrets.refresh}, by the first call that needs one then. The providers read their keys through
 * {@link SecretSettings} for each call, so a rotated key takes effect without a redeploy. A read that fails keeps the
 * value read before, tries again a minute later, and logs which setting, never a value. Settings that are no reference
 * keep the value bound at start.
 */
@Component
class SecretRefresh implements SecretSettings, Resource {

    private static final Logger log = LoggerFactory.getLogger(SecretRefresh.class);

    /** How soon to try again after a read failed. */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final ConfigurableEnvironment environment;
    private final SecretReferences.Resolved resolved;
    private final Map<String, String> namesByKey = new HashMap<>();
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private volatile long due;

    @Autowired
    SecretRefresh(ConfigurableEnvironment environment, SecretsProperties properties) {
        this(environment, properties, System::nanoTime);
    }

    SecretRefresh(ConfigurableEnvironment environment, SecretsProperties properties, LongSupplier nanoTime) {
        this.environment = environment;
        this.resolved = environment.getPropertySources().get(SecretReferences.Resolved.NAME)
                        instanceof SecretReferences.Resolved found
                ? found
                : null;
        if (resolved != null) {
            resolved.references().keySet().forEach(name -> namesByKey.put(key(name), name));
        }
        this.refreshNanos = properties.refresh().toNanos();
        this.nanoTime = nanoTime;
        this.due = refreshNanos == 0 ? Long.MAX_VALUE : nanoTime.getAsLong() + refreshNanos;
    }

    /**
     * A setting as the binder matches it, whichever form its name was written in: {@code portafunc.search.brave.api-key}
     * and {@code PORTAFUNC_SEARCH_BRAVE_API_KEY} are one setting.
     */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public Supplier<String> current(String setting, String bound) {
        String name = namesByKey.get(key(setting));
        if (name == null) {
            return () -> bound;
        }
        return () -> {
            if (nanoTime.getAsLong() - due >= 0) {
                refresh();
            }
            Object value = resolved.getProperty(name);
            return value == null ? bound : value.toString();
        };
    }

    /** Reads every secret again now; returns how many were read. */
    synchronized int refresh() {
        if (resolved == null) {
            return 0;
        }
        int read = 0;
        boolean failed = false;
        for (Map.Entry<String, String> reference : resolved.references().entrySet()) {
            try {
                resolved.put(
                        reference.getKey(),
                        SecretReferences.resolve(reference.getKey(), reference.getValue(), environment));
                read++;
            } catch (IllegalStateException e) {
                failed = true;
                log.warn("{}; the value read before is kept", e.getMessage());
            }
        }
        long next =
                failed ? Math.min(RETRY.toNanos(), refreshNanos == 0 ? Long.MAX_VALUE : refreshNanos) : refreshNanos;
        due = next == 0 ? Long.MAX_VALUE : nanoTime.getAsLong() + next;
        return read;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to drop: the values are read again first thing after the restore.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        int read = refresh();
        if (read > 0) {
            log.info("Secret references read again after the restore: {}", read);
        }
    }
}
