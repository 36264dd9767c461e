package dev.portafunc.search.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A budget of calls per day, reset at midnight in a given zone (Google's is Pacific Time). */
final class DailyQuota {

    private final int limit;
    private final Clock clock;
    private LocalDate day;
    private int spent;

    DailyQuota(int limit, ZoneId zone, Clock clock) {
        this.limit = limit;
        this.clock = clock.withZone(zone);
        this.day = LocalDate.now(this.clock);
    }

    /** Takes one call from today's budget, or returns false when it is spent. */
    synchronized boolean tryConsume() {
        roll();
        if (spent >= limit) {
            return false;
        }
        spent++;
        return true;
    }

    synchronized int spentToday() {
        roll();
        return spent;
    }

    int limit() {
        return limit;
    }

    Duration untilReset() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(clock.getZone()));
    }

    private void roll() {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(day)) {
            day = today;
            spent = 0;
        }
    }
}
