package dev.parley.replica;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.parley.support.Eventually;

/** One Parley process started from the packaged jar, on a port of its own on 127.0.0.1. */
final class Instance implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    Instance(String name, Map<String, String> environment) throws IOException {
        this.name = name;
        this.port = freePort();
        this.environment = environment;
        this.log = Files.createTempFile("parley-" + name + "-", ".log");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits, at most a minute, until it is ready. */
    Instance start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        try {
            Eventually.poll(Duration.ofSeconds(60), name + " ready", this::ready,
                    ready -> ready || !process.isAlive());
        } catch (AssertionError notReady) {
            throw new IllegalStateException(name + " was not ready within 60 s:\n" + Files.readString(log));
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited during start:\n" + Files.readString(log));
        }
        return this;
    }

    /** Whether the process answers its readiness check with 200. */
    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, and SIGKILL if it has not stopped within 20 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
