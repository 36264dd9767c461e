package dev.portafunc.platform.cloudevents;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The ids of reply events: random (version 4) UUIDs from a generator of their own, made at the first reply and dropped
 * before a process snapshot, so that copies restored from one never draw the same ids.
 */
final class ReplyIds {

    private volatile SecureRandom random;

    String next() {
        byte[] bytes = new byte[16];
        random().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    private SecureRandom random() {
        SecureRandom generator = random;
        if (generator == null) {
            synchronized (this) {
                generator = random;
                if (generator == null) {
                    generator = new SecureRandom();
                    random = generator;
                }
            }
        }
        return generator;
    }

    /** Drops the generator: the next id comes from a new one, seeded then. */
    void forget() {
        random = null;
    }

    /** Whether a generator is made, for tests. */
    boolean seeded() {
        return random != null;
    }
}
