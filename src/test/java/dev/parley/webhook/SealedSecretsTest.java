package dev.parley.webhook;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.common.Active;
import dev.parley.common.Conflict;
import dev.parley.common.ParleyConfig;
import dev.parley.security.SecretCipher;
import dev.parley.security.SecretsAtRest;
import dev.parley.support.TestDatabase;
import dev.parley.webhook.Receiver.Request;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Webhook signing secrets are sealed in the database (read here through the service's own datasource)
 * while deliveries to a real receiver on 127.0.0.1 stay signed with the plaintext secret; secrets
 * stored in plain text before V70 keep signing and are sealed when the service starts.
 */
@QuarkusTest
class SealedSecretsTest {

    private static final String WEBHOOKS = "/api/v1/webhooks";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Active
    AgroalDataSource dataSource;

    @Inject
    WebhookService service;

    @Inject
    SecretsAtRest secrets;

    @Inject
    ParleyConfig config;

    private final List<String> subscriptions = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();

    /** The secret and previous secret columns of a subscription, as stored. */
    record Stored(String secret, String previousSecret) {
    }

    @AfterEach
    void forget() {
        for (String id : subscriptions) {
            bare().header("If-Match", "*").delete(WEBHOOKS + "/" + id);
        }
        receivers.forEach(Receiver::close);
    }

    @Test
    void theDatabaseHoldsNoSigningSecretInPlainTextWhileDeliveriesAreSignedWithIt() throws SQLException {
        Receiver receiver = receiver();
        JsonPath created = api().body(Map.of("url", receiver.url(), "event_types", List.of("party.deleted")))
                .post(WEBHOOKS).then().statusCode(201).extract().jsonPath();
        String id = created.getString("webhook.id");
        subscriptions.add(id);
        String secret = created.getString("secret");

        Stored stored = stored(id);
        assertSealed(stored.secret(), secret);
        assertThat(stored.previousSecret()).isNull();
        assertThat(SecretCipher.keyIdOf(stored.secret())).isEqualTo(secrets.currentKeyId());
        assertThat(ping(id, receiver, 1).verify(secret)).isNull();

        String rotated = api().post(WEBHOOKS + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        Stored after = stored(id);
        assertSealed(after.secret(), rotated);
        assertThat(after.previousSecret()).as("the previous secret moves as it was sealed").isEqualTo(stored.secret());
        Request signedByBoth = ping(id, receiver, 2);
        assertThat(signedByBoth.verify(secret)).isNull();
        assertThat(signedByBoth.verify(rotated)).isNull();
        assertNoSecretInPlainText();
    }

    @Test
    void secretsStoredInPlainTextBeforeSealingStillSignAndAreSealedOnStart() throws SQLException {
        Receiver receiver = receiver();
        String id = "whk_plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String secret = Signatures.newSecret();
        String previous = Signatures.newSecret();
        insert(id, receiver.url(), secret, previous);

        Request read = ping(id, receiver, 1);
        assertThat(read.verify(secret)).as("signed from the plain-text row").isNull();
        assertThat(read.verify(previous)).isNull();

        // What the start of the service does (Resealing), asked for by an admin: the row is sealed, once.
        api().post(WEBHOOKS + "/reseal-secrets").then().statusCode(200)
                .body("key_id", equalTo(secrets.currentKeyId()))
                .body("resealed", greaterThanOrEqualTo(1));
        Stored stored = stored(id);
        assertSealed(stored.secret(), secret);
        assertSealed(stored.previousSecret(), previous);
        assertThat(service.reseal()).as("nothing left to seal").isZero();
        api().post(WEBHOOKS + "/reseal-secrets").then().statusCode(200).body("resealed", equalTo(0));
        assertNoSecretInPlainText();

        Request sealed = ping(id, receiver, 2);
        assertThat(sealed.verify(secret)).as("signed from the sealed row").isNull();
        assertThat(sealed.verify(previous)).isNull();
    }

    @Test
    void aSecretSealedUnderAKeyThisServiceLacksIsNeitherSignedWithNorLeftBehindAtStart() throws SQLException {
        String id = "whk_foreign_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        SecretCipher elsewhere = new SecretCipher(SecretCipher.parseKey(SecretCipher.newKey(), "a key"), List.of());
        insert(id, "http://127.0.0.1:9/hooks", elsewhere.seal(Signatures.newSecret(), "webhook/" + id), null);

        assertThat(service.target(id).refusal()).as("the dispatcher records this and retries later")
                .contains("key id " + elsewhere.currentKeyId()).contains("not among the configured keys");
        assertThatThrownBy(service::reseal).as("the service does not start")
                .isInstanceOf(Conflict.class)
                .hasMessageContaining(id).hasMessageContaining("PARLEY_SECRETS_PREVIOUS_KEYS");
        api().post(WEBHOOKS + "/reseal-secrets").then().statusCode(409)
                .body("code", equalTo("SECRET_KEY_MISSING"))
                .body("detail", containsString(id));
        bare().header("If-Match", "*").delete(WEBHOOKS + "/" + id).then().statusCode(204);
        subscriptions.remove(id);
        assertThat(service.reseal()).isZero();
    }

    @Test
    void aPreviousSecretPastItsGracePeriodIsDroppedRatherThanSealedAgain() throws SQLException {
        String id = "whk_expired_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        SecretCipher elsewhere = new SecretCipher(SecretCipher.parseKey(SecretCipher.newKey(), "a key"), List.of());
        String secret = Signatures.newSecret();
        insert(id, "http://127.0.0.1:9/hooks", secret, elsewhere.seal(Signatures.newSecret(), "webhook/" + id),
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));

        assertThat(service.reseal()).as("a lost key that sealed only an expired secret does not stop a start")
                .isEqualTo(1);
        Stored stored = stored(id);
        assertSealed(stored.secret(), secret);
        assertThat(stored.previousSecret()).isNull();
        assertThat(service.target(id).previousSecret()).isNull();
        assertThat(service.target(id).secret()).isEqualTo(secret);
    }

    @Test
    void theDataFolderTheDatabaseFileAndTheGeneratedKeyAreTheOwnersAlone() throws IOException {
        assumeFalse(TestDatabase.postgres(), "PostgreSQL keeps nothing in the data folder");
        Path folder = Path.of(config.dataDir());
        assumeTrue(Files.getFileStore(folder).supportsFileAttributeView("posix"), "no POSIX permissions here");
        assertThat(mode(folder)).isEqualTo("rwx------");
        assertThat(mode(folder.resolve("parley.mv.db"))).isEqualTo("rw-------");
        Path key = folder.resolve("secrets.key");
        assertThat(mode(key)).isEqualTo("rw-------");
        SecretCipher fromFile = new SecretCipher(SecretCipher.parseKey(Files.readString(key), key.toString()),
                List.of());
        assertThat(fromFile.currentKeyId()).as("the service seals with the key it made").isEqualTo(
                secrets.currentKeyId());
    }

    // ---- helpers ----

    private Receiver receiver() {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Pings the subscription and answers the {@code count}th ping its receiver got. */
    private static Request ping(String id, Receiver receiver, int count) {
        api().post(WEBHOOKS + "/" + id + "/ping").then().statusCode(202);
        return receiver.await(r -> "webhook.ping".equals(r.type()), count, WAIT).get(count - 1);
    }

    private static void assertSealed(String stored, String plaintext) {
        assertThat(stored).startsWith("v1:").doesNotContain("whsec_")
                .doesNotContain(plaintext.substring("whsec_".length()));
    }

    private void assertNoSecretInPlainText() throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.createStatement().executeQuery("select id, secret, previous_secret from webhook")) {
            while (rows.next()) {
                assertThat(rows.getString(2)).as("secret of %s", rows.getString(1)).startsWith("v1:");
                String previous = rows.getString(3);
                assertThat(previous == null || previous.startsWith("v1:")).as("previous secret of %s",
                        rows.getString(1)).isTrue();
            }
        }
    }

    private Stored stored(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select secret, previous_secret from webhook where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("webhook %s stored", id).isTrue();
                return new Stored(row.getString(1), row.getString(2));
            }
        }
    }

    /** A subscription as a version before V70 stored it, with its secrets in plain text. */
    private void insert(String id, String url, String secret, String previous) throws SQLException {
        insert(id, url, secret, previous, previous == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
    }

    private void insert(String id, String url, String secret, String previous, OffsetDateTime previousUntil)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into webhook (id, url, event_types, active,"
                        + " secret, previous_secret, previous_secret_until, created_at, updated_at)"
                        + " values (?, ?, ',party.deleted,', true, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, url);
            insert.setString(3, secret);
            insert.setString(4, previous);
            insert.setObject(5, previousUntil);
            insert.setObject(6, now);
            insert.setObject(7, now);
            insert.executeUpdate();
        }
        subscriptions.add(id);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
