package dev.portafunc.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.contract.Readiness;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The top-level Dockerfile builds the same optimised image as Jib, in stages (build, jlink, train): it runs like the
 * Jib one, and its AOT cache is valid in the image it ships in ({@code -XX:AOTMode=on} fails the start otherwise).
 */
class DockerfileIT {

    static final String IMAGE = "localhost/portafunc-dockerfile:latest";

    @Test
    void theDockerfileBuildsARunnableImage() {
        Podman.requireImage();
        Podman.run(
                Duration.ofMinutes(3),
                Podman.repository().resolve("deploy/image/local-base.sh").toString(),
                "--jdk");
        Podman.run(
                Duration.ofMinutes(8),
                "podman",
                "build",
                "-q",
                "--pull=never",
                "--build-arg",
                "JDK_IMAGE=localhost/portafunc-java25-jdk:latest",
                "--build-arg",
                "BASE_IMAGE=localhost/portafunc-java25-base:latest",
                "-t",
                IMAGE,
                "-f",
                Podman.repository().resolve("Dockerfile").toString(),
                Podman.repository().toString());
        int port = Podman.freePort();
        String name = "dockerfile";
        try {
            Podman.start(
                    name, Podman.asPlatformsRun(port, "12000:12000", "-e", "JAVA_TOOL_OPTIONS=-XX:AOTMode=on"), IMAGE);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            Readiness.await(base, Duration.ofSeconds(60), () -> Podman.logs(name));

            Response response = new Http(base).post("/", "text/plain", "text/markdown", "lucene");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("## Results for lucene");
        } finally {
            Podman.remove(name);
        }
    }
}
