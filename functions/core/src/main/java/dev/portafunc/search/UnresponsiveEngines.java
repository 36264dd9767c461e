package dev.portafunc.search;

import java.util.List;

/**
 * Told when a provider that asks several engines itself (SearXNG) answers without some of them: which ones did not
 * respond. Whoever hosts the functions counts them; none is needed.
 */
@FunctionalInterface
public interface UnresponsiveEngines {

    void reported(String provider, List<String> engines);
}
