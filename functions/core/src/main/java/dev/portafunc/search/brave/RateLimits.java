package dev.portafunc.search.brave;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brave's rate-limit headers: each holds one comma-separated value per limit of the plan, in the same order, such as
 * {@code X-RateLimit-Policy: 1;w=1, 15000;w=2592000} for 1 request a second and 15,000 a month.
 * {@code X-RateLimit-Remaining} counts what is left of each limit and {@code X-RateLimit-Reset} the seconds until each
 * resets (Brave's "Response Headers" documentation).
 */
record RateLimits(List<Window> windows) {

    /** A day: a limit that resets later than this is a quota to wait out, not a rate to slow down for. */
    static final Duration DAY = Duration.ofDays(1);

    /**
     * One limit of the plan; a value the headers do not give is null.
     *
     * @param seconds the window the limit counts over, from {@code X-RateLimit-Policy}'s {@code w}
     */
    record Window(Long seconds, Long remaining, Duration reset) {}

    static RateLimits of(HttpHeaders headers) {
        List<String> policies = values(headers, "X-RateLimit-Policy");
        List<String> remaining = values(headers, "X-RateLimit-Remaining");
        List<String> resets = values(headers, "X-RateLimit-Reset");
        int size = Math.max(policies.size(), Math.max(remaining.size(), resets.size()));
        List<Window> windows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Long seconds = i < policies.size() ? windowOf(policies.get(i)) : null;
            Long left = i < remaining.size() ? number(remaining.get(i)) : null;
            Long reset = i < resets.size() ? number(resets.get(i)) : null;
            windows.add(new Window(seconds, left, reset == null ? null : Duration.ofSeconds(reset)));
        }
        return new RateLimits(List.copyOf(windows));
    }

    /** The monthly limit: the longest window when the policy says, else the last of two or more. */
    Optional<Window> monthly() {
        Optional<Window> longest =
                windows.stream().filter(w -> w.seconds() != null).max((a, b) -> Long.compare(a.seconds(), b.seconds()));
        if (longest.isPresent()) {
            return longest.get().seconds() >= DAY.toSeconds() ? longest : Optional.empty();
        }
        return windows.size() >= 2 ? Optional.of(windows.getLast()) : Optional.empty();
    }

    /** The per-second limit: the shortest window when the policy says, else the first. */
    Optional<Window> perSecond() {
        Optional<Window> shortest =
                windows.stream().filter(w -> w.seconds() != null).min((a, b) -> Long.compare(a.seconds(), b.seconds()));
        return shortest.isPresent() ? shortest : windows.stream().findFirst();
    }

    /** Whether {@code window} is used up: none of it remains, or it is the only limit and the answer was a 429. */
    boolean spent(Window window) {
        return window.remaining() != null ? window.remaining() == 0 : windows.size() == 1;
    }

    private static List<String> values(HttpHeaders headers, String name) {
        List<String> values = new ArrayList<>();
        for (String header : headers.allValues(name)) {
            for (String value : header.split(",")) {
                values.add(value.strip());
            }
        }
        return values;
    }

    private static Long windowOf(String policy) {
        for (String parameter : policy.split(";")) {
            String p = parameter.strip();
            if (p.startsWith("w=")) {
                return number(p.substring(2));
            }
        }
        return null;
    }

    private static Long number(String value) {
        try {
            long n = Long.parseLong(value.strip());
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
