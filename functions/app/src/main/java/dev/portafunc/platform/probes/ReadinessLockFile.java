package dev.portafunc.platform.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code /tmp/.lock} exists while the function is ready: OpenFaaS probes for it when its chart runs without HTTP
 * probes ({@code httpProbe: false}), as its watchdog would write it.
 */
@Component
class ReadinessLockFile {

    private static final Logger log = LoggerFactory.getLogger(ReadinessLockFile.class);
    static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), ".lock");

    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> event) {
        try {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                Files.writeString(LOCK, "ready\n");
            } else {
                Files.deleteIfExists(LOCK);
            }
        } catch (IOException e) {
            log.debug("Could not update {}: {}", LOCK, e.toString());
        }
    }
}
