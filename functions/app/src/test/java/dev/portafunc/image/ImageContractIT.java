package dev.portafunc.image;

import dev.portafunc.contract.FunctionContract;
import dev.portafunc.contract.Readiness;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP contract against the container image, run as the platforms run it: read-only root filesystem, a non-root
 * user, a non-default PORT. With {@code -XX:AOTMode=on}, which makes the JVM refuse to start unless the image's AOT
 * cache is valid for its runtime and classpath: the contract holds on the optimised start, not on a silent fallback.
 */
class ImageContractIT extends FunctionContract {

    static final String NAME = "portafunc-contract";
    static URI base;

    @BeforeAll
    static void startContainer() {
        Podman.requireImage();
        int port = Podman.freePort();
        Podman.start(NAME, Podman.asPlatformsRun(port, "65532:65532", "-e", "JAVA_TOOL_OPTIONS=-XX:AOTMode=on"));
        base = URI.create("http://127.0.0.1:" + port + "/");
        Readiness.await(base, Duration.ofSeconds(60), () -> Podman.logs(NAME));
    }

    @AfterAll
    static void removeContainer() {
        if (base != null) {
            Podman.remove(NAME);
        }
    }

    @Override
    protected URI baseUri() {
        return base;
    }
}
