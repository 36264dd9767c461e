package dev.portafunc.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the built image with podman, as the platforms run it. The image tests run in the full test run
 * ({@code PORTAFUNC_TESTS=full}, as CI sets it), whose build makes the image on a local base with podman and runc;
 * without it they are skipped, and the build says so once.
 */
public final class Podman {

    public static final String IMAGE = "localhost/portafunc:latest";
    private static boolean loaded;

    private Podman() {}

    /** Skips the calling test outside the full test run; in it, loads the image the build made. */
    public static synchronized void requireImage() {
        Assumptions.assumeTrue(
                Boolean.getBoolean("portafunc.full-tests"),
                "image tests run with PORTAFUNC_TESTS=full (they need podman and runc)");
        if (!loaded) {
            run(Duration.ofMinutes(2), "podman", "load", "-q", "-i", imageTar().toString());
            loaded = true;
        }
    }

    public static Path imageTar() {
        return Path.of(System.getProperty("portafunc.image.tar", "target/jib-image.tar"));
    }

    public static Path repository() {
        return Path.of(System.getProperty("portafunc.repo", "../.."))
                .toAbsolutePath()
                .normalize();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The options of a run as the platforms' contracts have it: a read-only root filesystem, a non-root {@code user},
     * the port in {@code PORT} (on the host network, so the test calls it on loopback); then the deployment's own.
     */
    public static List<String> asPlatformsRun(int port, String user, String... more) {
        List<String> options =
                new ArrayList<>(List.of("--network", "host", "--read-only", "--user", user, "-e", "PORT=" + port));
        options.addAll(List.of(more));
        return options;
    }

    /** Starts a container in the background: {@code podman run -d --name NAME ARGS... IMAGE}. */
    public static String start(String name, List<String> options) {
        return start(name, options, IMAGE);
    }

    public static String start(String name, List<String> options, String image) {
        run(Duration.ofSeconds(30), "podman", "rm", "-f", "-i", name);
        List<String> command = new ArrayList<>(List.of("podman", "run", "-d", "--name", name));
        command.addAll(options);
        command.add(image);
        run(Duration.ofSeconds(60), command.toArray(String[]::new));
        return name;
    }

    public static String logs(String name) {
        return run(Duration.ofSeconds(30), "podman", "logs", name);
    }

    public static void remove(String name) {
        run(Duration.ofSeconds(60), "podman", "rm", "-f", "-i", name);
    }

    /** The exit code of a stopped container. */
    public static int exitCode(String name) {
        return Integer.parseInt(
                run(Duration.ofSeconds(30), "podman", "inspect", name, "--format", "{{.State.ExitCode}}")
                        .strip());
    }

    public static boolean isRunning(String name) {
        return run(Duration.ofSeconds(30), "podman", "inspect", name, "--format", "{{.State.Running}}")
                .strip()
                .equals("true");
    }

    /** Runs a command, returns its output (stdout and stderr), fails the test if it fails. */
    public static String run(Duration timeout, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out: " + String.join(" ", command));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        "Failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
