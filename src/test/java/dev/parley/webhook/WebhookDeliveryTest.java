package dev.parley.webhook;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Fixtures.TABLED_ON;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.common.ParleyConfig;
import dev.parley.support.Eventually;
import dev.parley.support.Fixtures;
import dev.parley.support.Fixtures.Scene;
import dev.parley.support.TestClock;
import dev.parley.webhook.Receiver.Answer;
import dev.parley.webhook.Receiver.Request;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Deliveries to a real receiver on 127.0.0.1 (see {@link Receiver}), which checks every signature
 * with its own HMAC and with the Standard Webhooks reference library. The test profile makes the
 * first retry come after about 1 s (parley.webhooks.first-retry=PT1S) and the dispatcher polls
 * every second, so retries are seen within seconds.
 */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    Session session;

    @Inject
    TestClock clock;

    @Inject
    ParleyConfig config;

    private static final String WEBHOOKS = "/api/v1/webhooks";
    /** The longest any single wait for a delivery may take. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Write-to-receipt delays (ms) of the position changes in the main delivery test. */
    private static final List<Long> DELAYS = Collections.synchronizedList(new ArrayList<>());
    /** The same, from when the PUT was answered (negative when the delivery came first). */
    private static final List<Long> AFTER_ANSWER = Collections.synchronizedList(new ArrayList<>());

    /** When the last stance's PUT was answered (System.nanoTime()). */
    private long answered;

    private final List<String> subscriptions = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private int day;

    /** A subscription with its receiver and the secret its creation answered. */
    record Subscription(String id, String secret, Receiver receiver) {
    }

    /** Parties in a negotiation, and a source to cite. */

    @AfterEach
    void stopReceivers() {
        for (String id : subscriptions) {
            bare().header("If-Match", "*").delete(WEBHOOKS + "/" + id);
        }
        receivers.forEach(Receiver::close);
        clock.reset();
    }

    @AfterAll
    static void reportDelays() {
        if (DELAYS.isEmpty()) {
            return;
        }
        summary("PUT sent", DELAYS);
        summary("PUT answered", AFTER_ANSWER);
    }

    private static void summary(String from, List<Long> delays) {
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        System.out.printf("Webhook delivery delay from %s to receipt on 127.0.0.1 over %d position changes:"
                + " min %d ms, median %d ms, max %d ms %s%n", from, sorted.size(), sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), delays);
    }

    // ---- the changes under test ----

    @Test
    void everyPositionChangeReachesItsSubscriberOnceSignedAndThin() {
        Scene scene = scene();
        Subscription positions = subscribe(List.of("position.changed"));
        Subscription everything = subscribe(List.of("*"));
        String demand = createDemand(scene);
        List<String[]> stances = List.of(
                new String[] { scene.first(), "NO_RESPONSE" },
                new String[] { scene.second(), "REJECTED" },
                new String[] { scene.first(), "OPEN_TO_DISCUSSION" },
                new String[] { scene.second(), "COUNTER_PROPOSED" },
                new String[] { scene.first(), "CONDITIONALLY_ACCEPTED" },
                new String[] { scene.second(), "OPEN_TO_DISCUSSION" },
                new String[] { scene.first(), "ACCEPTED" },
                new String[] { scene.second(), "ACCEPTED" });
        for (int i = 0; i < stances.size(); i++) {
            long sent = stance(demand, stances.get(i)[0], stances.get(i)[1], scene.source());
            Request got = positions.receiver().await(positionOf(demand), i + 1, WAIT).get(i);
            DELAYS.add((got.arrivedNanos() - sent) / 1_000_000);
            AFTER_ANSWER.add((got.arrivedNanos() - answered) / 1_000_000);
            assertThat(got.json().getString("data.subject.party")).isEqualTo(stances.get(i)[0]);
        }
        List<Request> all = everything.receiver().await(positionOf(demand), stances.size(), WAIT);
        Request created = everything.receiver().await(of("demand.created", demand), 1, WAIT).get(0);
        everything.receiver().await(r -> "citation.created".equals(r.type()), stances.size(), WAIT);
        // Nothing pending: every delivery has had its one attempt, and none can come after.
        assertThat(settled(positions.id())).extracting(a -> a.get("delivery_id")).doesNotHaveDuplicates();
        assertThat(settled(everything.id())).extracting(a -> a.get("delivery_id")).doesNotHaveDuplicates();

        List<Request> delivered = positions.receiver().received();
        assertThat(delivered).as("only subscribed types reach the subscriber")
                .extracting(Request::type).containsOnly("position.changed");
        assertThat(delivered).hasSize(stances.size());
        assertThat(delivered).extracting(Request::id).doesNotHaveDuplicates();
        assertThat(everything.receiver().received(positionOf(demand))).hasSize(stances.size());
        for (Request request : delivered) {
            assertDelivered(request, positions.secret());
            JsonPath body = request.json();
            assertThat(body.getMap("data")).containsOnlyKeys("cursor", "subject");
            assertThat(body.getMap("data.subject")).containsOnlyKeys("kind", "slug", "party");
            assertThat(body.getString("data.subject.kind")).isEqualTo("position");
            assertThat(body.getString("data.subject.slug")).isEqualTo(demand);
        }
        for (Request request : everything.receiver().received()) {
            assertDelivered(request, everything.secret());
        }
        assertThat(created.json().getString("data.subject.kind")).isEqualTo("demand");

        // Every delivered change is the feed's change of that cursor, in the feed's order.
        List<String> cursors = delivered.stream().map(r -> r.json().getString("data.cursor")).toList();
        assertThat(all.stream().map(r -> r.json().getString("data.cursor")).toList())
                .containsExactlyInAnyOrderElementsOf(cursors);
        JsonPath feed = api().queryParam("after", created.json().getString("data.cursor"))
                .queryParam("page_size", 500)
                .get("/api/v1/changes")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> changes = feed.getList("items");
        List<Map<String, Object>> positionChanges = changes.stream()
                .filter(c -> "position.changed".equals(c.get("type")))
                .filter(c -> demand.equals(((Map<?, ?>) c.get("subject")).get("slug")))
                .toList();
        assertThat(positionChanges.stream().map(c -> (String) c.get("cursor")).toList())
                .containsExactlyElementsOf(cursors);
        assertThat(positionChanges.stream().map(c -> (String) ((Map<?, ?>) c.get("subject")).get("party")).toList())
                .containsExactlyElementsOf(stances.stream().map(s -> s[0]).toList());
    }

    @Test
    void unsubscribedTypesAndOtherSubscribersChangesAreNotDelivered() {
        Scene scene = scene();
        Subscription demands = subscribe(List.of("demand.created"));
        String demand = createDemand(scene);
        stance(demand, scene.first(), "REJECTED", scene.source());
        Subscription control = subscribe(List.of("position.changed"));
        stance(demand, scene.second(), "REJECTED", scene.source());
        control.receiver().await(positionOf(demand), 1, WAIT);
        demands.receiver().await(of("demand.created", demand), 1, WAIT);
        assertThat(settled(demands.id())).extracting(a -> a.get("event_type")).containsOnly("demand.created");
        settled(control.id());
        assertThat(demands.receiver().received()).extracting(Request::type).containsOnly("demand.created");
        // Subscribing does not deliver what changed before it.
        assertThat(control.receiver().received(positionOf(demand))).hasSize(1)
                .extracting(r -> r.json().getString("data.subject.party")).containsExactly(scene.second());
    }

    @Test
    void rejectedWritesQueueNothing() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("*"));
        String stale = etag(position(demand, scene.first()));
        stance(demand, scene.first(), "REJECTED", scene.source());
        bare().contentType(ContentType.JSON).accept(ContentType.JSON).header("If-Match", stale)
                .body(stanceBody("ACCEPTED", scene.source()))
                .put(position(demand, scene.first()))
                .then().statusCode(412);
        api().body(stanceBody("TABLED", scene.source()))
                .put(position(demand, scene.second()))
                .then().statusCode(400);
        stance(demand, scene.second(), "OPEN_TO_DISCUSSION", scene.source());

        s.receiver().await(positionOf(demand), 2, WAIT);
        s.receiver().await(r -> "citation.created".equals(r.type()), 2, WAIT);
        settled(s.id());
        assertThat(s.receiver().received(positionOf(demand)))
                .extracting(r -> r.json().getString("data.subject.party"))
                .containsExactly(scene.first(), scene.second());
        assertThat(s.receiver().received(r -> "citation.created".equals(r.type()))).hasSize(2);
    }

    // ---- failures and retries ----

    @Test
    void failedDeliveryIsRetriedWithTheSameWebhookIdAndGrowingWaits() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        s.receiver().answer(Answer.slow(500, Duration.ofMillis(300)), Answer.status(500));
        stance(demand, scene.first(), "REJECTED", scene.source());

        List<Request> got = s.receiver().await(positionOf(demand), 3, WAIT);
        assertThat(got).extracting(Request::status).containsExactly(500, 500, 204);
        assertThat(got).extracting(Request::id).containsOnly(got.get(0).id());
        assertThat(got).extracting(Request::body).containsOnly(got.get(0).body());
        got.forEach(r -> assertDelivered(r, s.secret()));
        long firstGap = millisBetween(got.get(0), got.get(1));
        long secondGap = millisBetween(got.get(1), got.get(2));
        System.out.printf("Retry gaps at the receiver: %d ms, then %d ms%n", firstGap, secondGap);
        // First retry: about 1 s (±20 %) after the first attempt, plus up to a 1 s poll.
        assertThat(firstGap).isBetween(700L, 3_000L);
        // Second retry: about 2 s (±20 %) after the second attempt.
        assertThat(secondGap).isBetween(1_500L, 5_000L);

        List<Map<String, Object>> log = attempts(s.id(), 3);
        assertThat(log).extracting(a -> a.get("attempt")).containsExactly(3, 2, 1);
        assertThat(log).extracting(a -> a.get("status_code")).containsExactly(204, 500, 500);
        assertThat(log).extracting(a -> a.get("delivery_id")).containsOnly(got.get(0).id());
        assertThat(log).extracting(a -> a.get("event_type")).containsOnly("position.changed");
        assertThat(log).allSatisfy(a -> assertThat((Integer) a.get("duration_ms")).isNotNegative());
        assertThat((Integer) log.get(2).get("duration_ms")).as("the first answer took 300 ms")
                .isGreaterThanOrEqualTo(300);
        assertThat(log.get(0)).doesNotContainKeys("error", "next_attempt_at");
        assertThat(log.get(1)).containsKeys("error", "next_attempt_at");
        assertThat(log.get(2)).containsKeys("error", "next_attempt_at");
        assertThat((String) log.get(2).get("error")).contains("500");
        long firstWait = scheduledWait(log.get(2));
        long secondWait = scheduledWait(log.get(1));
        assertThat(firstWait).as("first-retry × (1 ± 20 %%)").isBetween(800L, 1_200L);
        assertThat(secondWait).as("twice that").isBetween(1_600L, 2_400L);
        assertThat(secondWait).isGreaterThan(firstWait);
        // No attempt went before it was due.
        assertThat(instant(log.get(1), "attempted_at")).isAfterOrEqualTo(instant(log.get(2), "next_attempt_at"));
        assertThat(instant(log.get(0), "attempted_at")).isAfterOrEqualTo(instant(log.get(1), "next_attempt_at"));
    }

    @Test
    void retryAfterIsHonoured() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        s.receiver().answer(Answer.retryAfter(503, "3"));
        stance(demand, scene.first(), "REJECTED", scene.source());

        List<Request> got = s.receiver().await(positionOf(demand), 2, WAIT);
        assertThat(got).extracting(Request::id).containsOnly(got.get(0).id());
        assertThat(millisBetween(got.get(0), got.get(1))).as("Retry-After: 3 asks for 3 s, not about 1 s")
                .isGreaterThanOrEqualTo(2_900L);
        got.forEach(r -> assertDelivered(r, s.secret()));
        List<Map<String, Object>> log = attempts(s.id(), 2);
        assertThat(log).extracting(a -> a.get("status_code")).containsExactly(204, 503);
        assertThat(scheduledWait(log.get(1))).isBetween(3_000L, 3_600L);
    }

    @Test
    void redirectIsAFailureAndIsNotFollowed() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        s.receiver().answer(Answer.redirect(s.receiver().base() + Receiver.MOVED));
        stance(demand, scene.first(), "REJECTED", scene.source());

        List<Request> got = s.receiver().await(positionOf(demand), 2, WAIT);
        assertThat(got).extracting(Request::path).containsOnly(Receiver.PATH);
        assertThat(got).extracting(Request::id).containsOnly(got.get(0).id());
        assertThat(s.receiver().received(r -> Receiver.MOVED.equals(r.path()))).isEmpty();
        List<Map<String, Object>> log = attempts(s.id(), 2);
        assertThat(log).extracting(a -> a.get("status_code")).containsExactly(204, 302);
        assertThat((String) log.get(1).get("error")).contains("302");
        assertThat(log.get(1)).containsKey("next_attempt_at");
    }

    @Test
    void unreachableReceiverIsLoggedWithoutAStatusAndRetried() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        s.receiver().close();
        stance(demand, scene.first(), "REJECTED", scene.source());

        List<Map<String, Object>> log = attempts(s.id(), 1);
        assertThat(log.get(0)).doesNotContainKey("status_code").containsKeys("error", "next_attempt_at");
        assertThat((String) log.get(0).get("error")).isNotBlank();
    }

    @Test
    void goneDeactivatesTheSubscriptionAndNothingMoreIsSent() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription gone = subscribe(List.of("position.changed"));
        gone.receiver().answer(Answer.status(410));
        Subscription control = subscribe(List.of("position.changed"));
        stance(demand, scene.first(), "REJECTED", scene.source());

        gone.receiver().await(positionOf(demand), 1, WAIT);
        JsonPath webhook = poll("the subscription deactivated", () -> api().get(WEBHOOKS + "/" + gone.id())
                .then().statusCode(200).extract().jsonPath(), w -> !w.getBoolean("active"));
        assertThat(webhook.getString("disabled_reason")).contains("410");
        List<Map<String, Object>> log = attempts(gone.id(), 1);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("status_code")).isEqualTo(410);
        assertThat(log.get(0)).doesNotContainKey("next_attempt_at");

        stance(demand, scene.second(), "REJECTED", scene.source());
        control.receiver().await(positionOf(demand), 2, WAIT);
        // An inactive subscription is not queued for: its one delivery is all there is to send.
        assertThat(deliveries(gone.id())).isEqualTo(1);
        settled(control.id());
        assertThat(gone.receiver().received()).hasSize(1);
        assertThat(attempts(gone.id(), 1)).hasSize(1);

        // Switching it on again clears the reason, and changes from then on are delivered.
        raw().contentType("application/merge-patch+json").accept(ContentType.JSON)
                .body("{\"active\":true}")
                .patch(WEBHOOKS + "/" + gone.id())
                .then().statusCode(200)
                .body("active", equalTo(true))
                .body("$", not(hasKey("disabled_reason")));
        stance(demand, scene.first(), "OPEN_TO_DISCUSSION", scene.source());
        Request next = gone.receiver().await(positionOf(demand), 2, WAIT).get(1);
        assertThat(next.json().getString("data.subject.party")).isEqualTo(scene.first());
        assertDelivered(next, gone.secret());
    }

    // ---- redelivery, ping and rotation ----

    @Test
    void redeliverSendsTheSameEventAgainWithItsWebhookId() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        stance(demand, scene.first(), "REJECTED", scene.source());
        Request first = s.receiver().await(positionOf(demand), 1, WAIT).get(0);
        List<Map<String, Object>> log = attempts(s.id(), 1);
        assertThat(log.get(0).get("delivery_id")).isEqualTo(first.id());
        assertThat(log.get(0).get("status_code")).isEqualTo(204);

        api().post(WEBHOOKS + "/" + s.id() + "/deliveries/" + first.id() + "/redeliver")
                .then().statusCode(202)
                .body("id", equalTo(first.id()))
                .body("event_type", equalTo("position.changed"))
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(1));
        Request again = s.receiver().await(positionOf(demand), 2, WAIT).get(1);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.body()).isEqualTo(first.body());
        assertDelivered(again, s.secret());
        assertThat(attempts(s.id(), 2)).extracting(a -> a.get("attempt")).containsExactly(2, 1);

        api().post(WEBHOOKS + "/" + s.id() + "/deliveries/msg_nosuchthing/redeliver")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void pingDeliversASignedTestEvent() {
        Subscription s = subscribe(List.of("position.changed"));
        JsonPath queued = api().post(WEBHOOKS + "/" + s.id() + "/ping")
                .then().statusCode(202)
                .body("id", startsWith("msg_"))
                .body("event_type", equalTo("webhook.ping"))
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(0))
                .extract().jsonPath();
        Request ping = s.receiver().await(r -> "webhook.ping".equals(r.type()), 1, WAIT).get(0);
        assertThat(ping.id()).isEqualTo(queued.getString("id"));
        assertThat(ping.json().getString("data.webhook_id")).isEqualTo(s.id());
        assertDelivered(ping, s.secret());
        List<Map<String, Object>> log = attempts(s.id(), 1);
        assertThat(log.get(0).get("event_type")).isEqualTo("webhook.ping");
        assertThat(log.get(0).get("delivery_id")).isEqualTo(ping.id());
    }

    @Test
    void afterRotationDeliveriesCarryTheOldAndTheNewSignature() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        stance(demand, scene.first(), "REJECTED", scene.source());
        Request before = s.receiver().await(positionOf(demand), 1, WAIT).get(0);
        assertThat(before.signatures()).hasSize(1);
        assertDelivered(before, s.secret());

        String rotated = api().post(WEBHOOKS + "/" + s.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        assertThat(rotated).isNotEqualTo(s.secret());
        stance(demand, scene.second(), "REJECTED", scene.source());
        Request after = s.receiver().await(positionOf(demand), 2, WAIT).get(1);
        assertThat(after.signatures()).as(after.header("webhook-signature")).hasSize(2);
        assertThat(after.signedBy(s.secret())).as("one signature by the previous secret").isEqualTo(1);
        assertThat(after.signedBy(rotated)).as("one signature by the new secret").isEqualTo(1);
        assertDelivered(after, s.secret());
        assertDelivered(after, rotated);
        // A secret the subscription never had verifies nothing.
        String stranger = api().post(WEBHOOKS + "/" + subscribe(List.of("party.deleted")).id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        assertThat(after.verify(stranger)).isNotNull();
    }

    @Test
    void onceTheGraceHasPassedOnlyTheNewSecretSigns() {
        Scene scene = scene();
        String demand = createDemand(scene);
        Subscription s = subscribe(List.of("position.changed"));
        String rotated = api().post(WEBHOOKS + "/" + s.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");

        clock.advance(config.webhooks().rotationGrace().plusMinutes(1));
        stance(demand, scene.first(), "REJECTED", scene.source());
        // Signed a day ahead of this machine's time, so only the signatures are checked here.
        Request after = s.receiver().await(positionOf(demand), 1, WAIT).get(0);
        assertThat(after.signatures()).as(after.header("webhook-signature")).hasSize(1);
        assertThat(after.signedBy(rotated)).isEqualTo(1);
        assertThat(after.signedBy(s.secret())).isZero();
    }

    // ---- helpers ----

    /** Checks what every delivery must be: a signed POST of a thin JSON event. */
    private static void assertDelivered(Request request, String secret) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(Receiver.PATH);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.id()).startsWith("msg_");
        assertThat(request.verify(secret)).as("signature of " + request.id()).isNull();
        JsonPath body = request.json();
        assertThat(body.getMap("$")).containsOnlyKeys("type", "timestamp", "data");
        Instant timestamp = Instant.parse(body.getString("timestamp"));
        assertThat(timestamp).isBetween(request.arrivedAt().minus(Duration.ofMinutes(1)), request.arrivedAt());
    }

    private Subscription subscribe(List<String> types) {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        Map<String, Object> body = new HashMap<>();
        body.put("url", receiver.url());
        body.put("event_types", types);
        JsonPath created = api().body(body).post(WEBHOOKS).then().statusCode(201).extract().jsonPath();
        Subscription subscription = new Subscription(created.getString("webhook.id"), created.getString("secret"),
                receiver);
        subscriptions.add(subscription.id());
        return subscription;
    }

    /** The attempts in a subscription's delivery log, newest first, once there are at least {@code count}. */
    private static List<Map<String, Object>> attempts(String id, int count) {
        return poll(count + " attempts in the log of " + id, () -> api().queryParam("page_size", 500)
                .get(WEBHOOKS + "/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>> getList("items"),
                items -> items.size() >= count);
    }

    private static <T> T poll(String what, Supplier<T> read, Predicate<T> done) {
        return Eventually.poll(WAIT, what, read, done);
    }

    /**
     * The subscription's attempt log once none of its deliveries is pending: then each has been
     * sent or given up, none is in flight, and nothing more will reach the receiver.
     */
    private List<Map<String, Object>> settled(String id) {
        poll("no delivery of " + id + " pending", () -> deliveries(id, "PENDING"), pending -> pending == 0);
        return api().queryParam("page_size", 500).get(WEBHOOKS + "/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** How many deliveries the outbox holds for a subscription. */
    private long deliveries(String id) {
        return QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "select count(*) from webhook_delivery where webhook_id = :id", Long.class)
                .setParameter("id", id).getSingleResult());
    }

    /** How many of them are in {@code status}. */
    private long deliveries(String id, String status) {
        return QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "select count(*) from webhook_delivery where webhook_id = :id and status = :status", Long.class)
                .setParameter("id", id).setParameter("status", status).getSingleResult());
    }

    /** From an attempt to when its retry was due, as the log says. */
    private static long scheduledWait(Map<String, Object> attempt) {
        return Duration.between(instant(attempt, "attempted_at"), instant(attempt, "next_attempt_at")).toMillis();
    }

    private static Instant instant(Map<String, Object> item, String member) {
        return Instant.parse((String) item.get(member));
    }

    private static long millisBetween(Request earlier, Request later) {
        return (later.arrivedNanos() - earlier.arrivedNanos()) / 1_000_000;
    }

    private static Predicate<Request> positionOf(String demand) {
        return of("position.changed", demand);
    }

    private static Predicate<Request> of(String type, String slug) {
        return r -> type.equals(r.type()) && slug.equals(r.json().getString("data.subject.slug"));
    }

    // ---- data of the test's own ----

    /** A stance with one new citation, each a day after the last. */
    private Map<String, Object> stanceBody(String status, String source) {
        day++;
        return Fixtures.stance(status, LocalDate.parse(TABLED_ON).plusDays(day).toString(), source);
    }

    private static String position(String demand, String party) {
        return "/api/v1/demands/" + demand + "/positions/" + party;
    }

    /**
     * Records a stance and answers System.nanoTime() from just before the PUT went out (the
     * If-Match read is done before).
     */
    private long stance(String demand, String party, String status, String source) {
        Map<String, Object> body = stanceBody(status, source);
        String path = position(demand, party);
        String tag = etag(path);
        long sent = System.nanoTime();
        bare().contentType(ContentType.JSON).accept(ContentType.JSON).header("If-Match", tag).body(body).put(path)
                .then().statusCode(200);
        answered = System.nanoTime();
        return sent;
    }
}
