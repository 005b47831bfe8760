import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * S5: an open-model load generator. Requests start on a fixed schedule (request i at t0 + i / rate),
 * whether or not earlier ones have been answered, and each latency is measured from the request's
 * intended start, so a stall in the server shows in the percentiles instead of slowing the load
 * (no coordinated omission).
 *
 * The mix: a share of writes (PUT a stance with If-Match on a position from a pool; a position is
 * never written twice at once and carries the ETag of its last answer) and polls for the rest (a
 * dashboard's conditional GET of a negotiation's matrix with the last ETag it saw; a 200 updates
 * it, so polls after a write to that negotiation see the new matrix once and 304 after).
 *
 * Run with the JDK's source launcher: java OpenLoad.java base=http://127.0.0.1:8080 rates=50,100
 * duration=10 warmup=3 write-share=0.1 negotiations=FILE positions=FILE key=KEY out=FILE
 * Everything stops by itself: after warmup + duration per rate, and a bounded drain of what is in
 * flight (timeout); nothing is sent anywhere but `base`.
 */
public class OpenLoad {

    static final class Position {
        final String path;
        final String citation;
        volatile String etag;
        int flip;

        Position(String path, String citation) {
            this.path = path;
            this.citation = citation;
        }
    }

    static final class Recorder {
        final List<long[]> chunks = new ArrayList<>();
        long[] current = new long[4096];
        int size;
        final Map<String, Integer> outcomes = new TreeMap<>();

        synchronized void add(long micros, String outcome) {
            if (size == current.length) {
                chunks.add(current);
                current = new long[4096];
                size = 0;
            }
            current[size++] = micros;
            outcomes.merge(outcome, 1, Integer::sum);
        }

        synchronized long[] all() {
            int n = size;
            for (long[] c : chunks) {
                n += c.length;
            }
            long[] out = new long[n];
            int i = 0;
            for (long[] c : chunks) {
                System.arraycopy(c, 0, out, i, c.length);
                i += c.length;
            }
            System.arraycopy(current, 0, out, i, size);
            Arrays.sort(out);
            return out;
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String base = args.get("base");
        if (!URI.create(base).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("load goes to 127.0.0.1 only");
        }
        double[] rates = Arrays.stream(args.get("rates").split(",")).mapToDouble(Double::parseDouble).toArray();
        double duration = Double.parseDouble(args.getOrDefault("duration", "10"));
        double warmup = Double.parseDouble(args.getOrDefault("warmup", "3"));
        double writeShare = Double.parseDouble(args.getOrDefault("write-share", "0.1"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(args.getOrDefault("timeout", "10")));
        String key = args.get("key");
        List<String> negotiations = Files.readAllLines(Path.of(args.get("negotiations"))).stream()
                .filter(l -> !l.isBlank()).toList();
        List<Position> positions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args.get("positions")))) {
            String[] f = line.trim().split(" ");
            if (f.length >= 2) {
                positions.add(new Position(f[0], f[f.length - 1]));
            }
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "openload-client");
                    t.setDaemon(true);
                    return t;
                })).build();

        // Current ETags: dashboards start from what they would have seen last, writers from a read.
        Map<String, String> matrixTags = new ConcurrentHashMap<>();
        for (String n : negotiations) {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + matrixPath(n))).timeout(timeout)
                    .build(), HttpResponse.BodyHandlers.discarding());
            r.headers().firstValue("ETag").ifPresent(t -> matrixTags.put(n, t));
        }
        ConcurrentLinkedQueue<Position> free = new ConcurrentLinkedQueue<>();
        for (Position p : positions) {
            p.etag = fetchTag(client, base, p, timeout);
            free.add(p);
        }

        StringBuilder json = new StringBuilder("{\"tool\":\"bench/lib/OpenLoad.java (open model, latency from intended start)\",");
        json.append("\"write_share\":").append(writeShare).append(",\"duration_s\":").append(duration)
                .append(",\"warmup_s\":").append(warmup).append(",\"runs\":[");
        for (int r = 0; r < rates.length; r++) {
            double rate = rates[r];
            runAt(client, base, key, rate, warmup, writeShare, negotiations, matrixTags, free, timeout, null);
            Map<String, Recorder> recorders = new TreeMap<>();
            recorders.put("poll", new Recorder());
            recorders.put("write", new Recorder());
            long[] counts = runAt(client, base, key, rate, duration, writeShare, negotiations, matrixTags, free,
                    timeout, recorders);
            if (r > 0) {
                json.append(',');
            }
            json.append("{\"rate\":").append(rate).append(",\"scheduled\":").append(counts[0])
                    .append(",\"dropped_no_free_position\":").append(counts[1])
                    .append(",\"unanswered_at_deadline\":").append(counts[2]);
            Recorder all = new Recorder();
            for (Map.Entry<String, Recorder> e : recorders.entrySet()) {
                for (long v : e.getValue().all()) {
                    all.add(v, "x");
                }
                json.append(",\"").append(e.getKey()).append("\":").append(summary(e.getValue(), duration));
            }
            json.append(",\"all\":").append(summary(all, duration)).append('}');
            System.err.printf(Locale.ROOT, "rate %.0f/s: %s%n", rate, summary(all, duration));
        }
        json.append("]}");
        Files.writeString(Path.of(args.get("out")), json.toString(), StandardCharsets.UTF_8);
        System.exit(0);
    }

    /** Answers {scheduled, dropped, unanswered}. Records nothing when recorders is null (warm-up). */
    static long[] runAt(HttpClient client, String base, String key, double rate, double seconds, double writeShare,
            List<String> negotiations, Map<String, String> matrixTags, ConcurrentLinkedQueue<Position> free,
            Duration timeout, Map<String, Recorder> recorders) throws InterruptedException {
        long total = Math.round(rate * seconds);
        long intervalNanos = Math.round(1e9 / rate);
        SplittableRandom random = new SplittableRandom(42);
        AtomicInteger inFlight = new AtomicInteger();
        long dropped = 0;
        long start = System.nanoTime() + 5_000_000;
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean write = random.nextDouble() < writeShare;
            String negotiation = negotiations.get(random.nextInt(negotiations.size()));
            if (write) {
                Position p = free.poll();
                if (p == null) {
                    dropped++;
                    continue;
                }
                p.flip ^= 1;
                String body = "{\"status\":\"" + (p.flip == 1 ? "OPEN_TO_DISCUSSION" : "REJECTED")
                        + "\",\"effective_on\":\"2022-03-01\",\"note\":\"bench open-model write\",\"citation_ids\":[\""
                        + p.citation + "\"]}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + p.path)).timeout(timeout)
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                        .header("If-Match", p.etag).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                inFlight.incrementAndGet();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    long micros = (System.nanoTime() - intended) / 1000;
                    if (recorders != null) {
                        recorders.get("write").add(micros, r == null ? e.getClass().getSimpleName()
                                : String.valueOf(r.statusCode()));
                    }
                    if (r != null && r.statusCode() == 200) {
                        r.headers().firstValue("ETag").ifPresent(t -> p.etag = t);
                        free.add(p);
                    } else {
                        // Read the position again (not measured) before it is written next.
                        client.sendAsync(HttpRequest.newBuilder(URI.create(base + p.path)).timeout(timeout).build(),
                                HttpResponse.BodyHandlers.discarding()).whenComplete((g, ge) -> {
                                    if (g != null) {
                                        g.headers().firstValue("ETag").ifPresent(t -> p.etag = t);
                                    }
                                    free.add(p);
                                });
                    }
                    inFlight.decrementAndGet();
                });
            } else {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + matrixPath(negotiation)))
                        .timeout(timeout);
                String tag = matrixTags.get(negotiation);
                if (tag != null) {
                    b.header("If-None-Match", tag);
                }
                inFlight.incrementAndGet();
                client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    long micros = (System.nanoTime() - intended) / 1000;
                    if (r != null && r.statusCode() == 200) {
                        r.headers().firstValue("ETag").ifPresent(t -> matrixTags.put(negotiation, t));
                    }
                    if (recorders != null) {
                        recorders.get("poll").add(micros, r == null ? e.getClass().getSimpleName()
                                : String.valueOf(r.statusCode()));
                    }
                    inFlight.decrementAndGet();
                });
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos() + 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return new long[] { total, dropped, inFlight.get() };
    }

    static String fetchTag(HttpClient client, String base, Position p, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + p.path)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("ETag").orElse("*");
    }

    static String matrixPath(String negotiation) {
        return "/api/v1/negotiations/" + negotiation + "/matrix";
    }

    static String summary(Recorder recorder, double seconds) {
        long[] v = recorder.all();
        StringBuilder s = new StringBuilder("{\"count\":").append(v.length);
        s.append(String.format(Locale.ROOT, ",\"throughput\":%.1f", v.length / seconds));
        if (v.length > 0) {
            s.append(",\"latency_ms\":{");
            String[] names = { "p50", "p90", "p99", "p999", "max" };
            double[] qs = { 0.50, 0.90, 0.99, 0.999, 1.0 };
            for (int i = 0; i < names.length; i++) {
                int idx = (int) Math.min(v.length - 1, Math.ceil(qs[i] * v.length) - 1);
                s.append(i == 0 ? "" : ",").append('"').append(names[i]).append("\":")
                        .append(String.format(Locale.ROOT, "%.3f", v[Math.max(0, idx)] / 1000.0));
            }
            s.append('}');
        }
        if (!recorder.outcomes.containsKey("x")) {
            s.append(",\"outcomes\":{");
            int i = 0;
            for (Map.Entry<String, Integer> e : recorder.outcomes.entrySet()) {
                s.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            }
            s.append('}');
        }
        return s.append('}').toString();
    }
}
