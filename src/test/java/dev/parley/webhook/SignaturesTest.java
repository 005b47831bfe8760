package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/** Parley's signatures, held to the Standard Webhooks reference library without a running service. */
class SignaturesTest {

    private static final String ID = "msg_2Kz9";
    private static final String BODY = "{\"type\":\"party.updated\",\"data\":{\"slug\":\"russia\"}}";

    @Test
    void signatureIsTheOneTheReferenceLibraryMakes() throws Exception {
        String secret = Signatures.newSecret();
        long timestamp = 1_700_000_000L;
        assertThat(Signatures.sign(secret, ID, timestamp, BODY)).isEqualTo(new Webhook(secret).sign(ID, timestamp, BODY));
    }

    @Test
    void referenceLibraryVerifiesASignedDelivery() throws Exception {
        String secret = Signatures.newSecret();
        long now = Instant.now().getEpochSecond();
        new Webhook(secret).verify(BODY, headers(now, Signatures.sign(secret, ID, now, BODY)));
    }

    @Test
    void referenceLibraryRefusesAnotherBodyOrAnotherSecret() {
        String secret = Signatures.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = Signatures.sign(secret, ID, now, BODY);
        assertThatThrownBy(() -> new Webhook(secret).verify(BODY.replace("russia", "ukraine"), headers(now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(Signatures.newSecret()).verify(BODY, headers(now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void newSecretsAreThirtyTwoRandomBytesUnderTheStandardPrefix() {
        String secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    }

    private static Map<String, List<String>> headers(long timestamp, String signature) {
        return Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
