package dev.portafunc.contract;

import dev.portafunc.image.Podman;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract against the built jar, started as {@code java -jar portafunc.jar} on a non-default PORT. */
class JarContractIT extends FunctionContract {

    static Process process;
    static Path log;
    static URI base;

    @BeforeAll
    static void startJar() throws IOException {
        Path jar = Path.of(System.getProperty("portafunc.jar", "target/portafunc.jar"));
        int port = Podman.freePort();
        log = Files.createTempFile("portafunc-jar", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        Readiness.await(base, Duration.ofSeconds(60), JarContractIT::log);
    }

    @AfterAll
    static void stopJar() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    protected URI baseUri() {
        return base;
    }

    static String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
