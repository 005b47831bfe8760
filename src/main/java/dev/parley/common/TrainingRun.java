package dev.parley.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Quarkus;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * PARLEY_TRAINING_RUN=true: starts as usual, sends the API a few rounds of the requests it serves
 * most (reads, conditional reads, the feed, an export, errors, a stance recorded with a citation)
 * over loopback, then stops. Run so under {@code -XX:AOTCacheOutput}, the JVM records the classes
 * loaded and linked and the methods' profiles into an AOT cache that later starts map instead of
 * loading, linking and profiling again (the container image does this when it is built; see the
 * Dockerfile). The data it writes lands in the training run's scratch database.
 */
@ApplicationScoped
class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class);
    private static final int ROUNDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParleyConfig config;

    TrainingRun(ParleyConfig config) {
        this.config = config;
    }

    void onListening(@ObservesAsync HttpServerStart event) {
        if (!config.trainingRun()) {
            return;
        }
        int port = port();
        // Off the event loop, which the HTTP server needs to answer these requests.
        // A 5xx or a failed request ends the run with exit code 1, so that the image build fails
        // instead of shipping a cache trained on errors.
        Thread.ofPlatform().name("training-run").start(() -> {
            int exitCode = 1;
            try {
                var workload = new Workload(port, config.bootstrapAdminKey().orElse(null), new TreeMap<>());
                workload.run();
                boolean failed = workload.statuses().keySet().stream().anyMatch(status -> status >= 500);
                LOG.infof("Training run: answers by status %s, stopping", workload.statuses());
                exitCode = failed ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                LOG.error("Training run: a request failed, stopping", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Quarkus.asyncExit(exitCode);
            }
        });
    }

    /** The port actually bound: with PORT=0, Quarkus publishes the one it was given once it listens. */
    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
    }

    /** The requests, in rounds; a write needs the bootstrap admin key, reads do not. */
    private record Workload(int port, String key, Map<Integer, Integer> statuses) {

        void run() throws IOException, InterruptedException {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                String slug = "training-" + System.nanoTime();
                if (key != null) {
                    scene(client, slug);
                }
                // Whatever the database holds (on a fresh one, the seed case): the reads a dashboard makes
                // of real negotiations, whose many rows take paths a one-demand scene does not.
                List<String> held = new ArrayList<>();
                for (JsonNode negotiation : items(client, "/api/v1/negotiations")) {
                    String at = "/api/v1/negotiations/" + negotiation.path("slug").asText();
                    held.addAll(List.of(at + "/matrix", at + "/matrix?as_of=2022-01-15"));
                }
                for (JsonNode demand : items(client, "/api/v1/demands?page_size=10")) {
                    String at = "/api/v1/demands/" + demand.path("slug").asText();
                    held.addAll(List.of(at, at + "/positions", at + "/positions/" + demand.path("proposer").asText()
                            + "/history"));
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (String path : held) {
                        conditional(client, path);
                    }
                    for (String path : List.of("/api/v1/negotiations", "/api/v1/parties", "/api/v1/demands",
                            "/api/v1/demands?status=REJECTED", "/api/v1/sources", "/api/v1/citations",
                            "/api/v1/changes", "/api/v1/demands/no-such-demand", "/api/v1/demands?page_size=0",
                            "/q/health/ready")) {
                        conditional(client, path);
                    }
                    if (key != null) {
                        conditional(client, "/api/v1/negotiations/" + slug + "/matrix");
                        conditional(client, "/api/v1/negotiations/" + slug + "/matrix?as_of=2022-01-01");
                        conditional(client, "/api/v1/demands/" + slug + "-demand/positions");
                        conditional(client, "/api/v1/demands/" + slug + "-demand/positions/" + slug + "-b/history");
                        stance(client, slug, round);
                    }
                }
                send(client, get("/api/v1/export"));
            }
        }

        private void scene(HttpClient client, String slug) throws IOException, InterruptedException {
            post(client, "/api/v1/parties", """
                    {"slug": "%s-a", "name": "Training A", "kind": "STATE"}""".formatted(slug));
            post(client, "/api/v1/parties", """
                    {"slug": "%s-b", "name": "Training B", "kind": "STATE"}""".formatted(slug));
            post(client, "/api/v1/negotiations", """
                    {"slug": "%1$s", "title": "Training", "started_on": "2022-01-01",
                     "participants": ["%1$s-a", "%1$s-b"]}""".formatted(slug));
            post(client, "/api/v1/demands", """
                    {"slug": "%1$s-demand", "negotiation": "%1$s", "proposer": "%1$s-a",
                     "addressees": ["%1$s-b"], "title": "Training demand", "text": "A demand to train on.",
                     "topic": "training", "kind": "DEMAND", "tabled_on": "2022-01-01"}""".formatted(slug));
        }

        private void stance(HttpClient client, String slug, int round) throws IOException, InterruptedException {
            String path = "/api/v1/demands/" + slug + "-demand/positions/" + slug + "-b";
            String etag = send(client, get(path)).headers().firstValue("ETag").orElse("*");
            HttpResponse<String> source = post(client, "/api/v1/sources", """
                    {"name": "Training source %d", "kind": "NEWS_AGENCY", "reliability": "C"}""".formatted(round));
            String sourceId = JSON.readTree(source.body()).path("id").asText();
            send(client, HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").header("If-Match", etag)
                    .PUT(BodyPublishers.ofString("""
                            {"status": "%s", "effective_on": "2022-01-%02d", "citations": [{"source_id": "%s",
                             "title": "Training", "published_on": "2022-01-%02d", "quote": "Training quote %d",
                             "kind": "REPORTED", "relation": "SUPPORTS"}]}""".formatted(
                            round % 2 == 0 ? "REJECTED" : "OPEN_TO_DISCUSSION", 1 + round % 28, sourceId,
                            1 + round % 28, round)))
                    .build());
        }

        private Iterable<JsonNode> items(HttpClient client, String path) throws IOException, InterruptedException {
            return JSON.readTree(send(client, get(path)).body()).path("items");
        }

        private void conditional(HttpClient client, String path) throws IOException, InterruptedException {
            HttpResponse<String> first = send(client, get(path));
            first.headers().firstValue("ETag").ifPresent(etag -> {
                try {
                    send(client, HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag).build());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private HttpResponse<String> post(HttpClient client, String path, String body)
                throws IOException, InterruptedException {
            return send(client, HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build());
        }

        private HttpRequest get(String path) {
            return HttpRequest.newBuilder(uri(path)).build();
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpResponse<String> send(HttpClient client, HttpRequest request)
                throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            return response;
        }
    }
}
