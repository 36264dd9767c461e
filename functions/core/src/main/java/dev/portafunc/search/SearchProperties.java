package dev.portafunc.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's search provider.
 *
 * @param provider {@code local} (the embedded index, the default), {@code searxng}, {@code google} or {@code remote}
 *     (a deployed search function); or several, comma-separated, tried in order when one fails
 *     ({@code google,searxng,local})
 */
@ConfigurationProperties("portafunc.search")
public record SearchProperties(@DefaultValue("local") String provider) {

    /** The providers named, in order, in lower case. */
    public List<String> chain() {
        return Arrays.stream(provider.split(","))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
