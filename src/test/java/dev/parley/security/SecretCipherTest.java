package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** AES-256-GCM for secrets at rest, without a running service. */
class SecretCipherTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYq=";
    private static final String CONTEXT = "webhook/whk_1";

    private final byte[] key = key();
    private final SecretCipher cipher = new SecretCipher(key, List.of());

    @Test
    void aSealedValueOpensToItsPlaintextAndShowsNoneOfIt() {
        String sealed = cipher.seal(SECRET, CONTEXT);
        assertThat(sealed).matches("^v1:[0-9a-f]{8}:[A-Za-z0-9+/]+=*$")
                .startsWith("v1:" + cipher.currentKeyId() + ":")
                .doesNotContain("whsec_").doesNotContain(SECRET.substring(6, 20));
        assertThat(SecretCipher.isSealed(sealed)).isTrue();
        assertThat(SecretCipher.isSealed(SECRET)).isFalse();
        assertThat(cipher.isCurrent(sealed)).isTrue();
        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo(SECRET);
        // nonce (12) + plaintext + tag (16)
        assertThat(payload(sealed)).hasSize(12 + SECRET.length() + 16);
    }

    @Test
    void anyAlteredByteFailsToOpen() {
        String sealed = cipher.seal(SECRET, CONTEXT);
        byte[] bytes = payload(sealed);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String tampered = header(sealed) + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> cipher.open(tampered, CONTEXT)).as("byte %d flipped", i)
                    .isInstanceOf(SecretCipher.Unreadable.class).hasMessageContaining("altered");
        }
        String truncated = sealed.substring(0, sealed.length() - 8);
        assertThatThrownBy(() -> cipher.open(truncated, CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
    }

    @Test
    void aValueMovedToAnotherRecordFailsToOpen() {
        String sealed = cipher.seal(SECRET, CONTEXT);
        assertThatThrownBy(() -> cipher.open(sealed, "webhook/whk_2"))
                .isInstanceOf(SecretCipher.Unreadable.class).hasMessageContaining("another record");
    }

    @Test
    void anotherKeyFailsToOpenAndTheMessageNamesKeyIdsOnly() {
        String sealed = cipher.seal(SECRET, CONTEXT);
        SecretCipher other = new SecretCipher(key(), List.of());
        assertThatThrownBy(() -> other.open(sealed, CONTEXT))
                .isInstanceOf(SecretCipher.Unreadable.class)
                .hasMessageContaining("key id " + cipher.currentKeyId())
                .hasMessageNotContaining("whsec_");
        // The same key id with other bytes (forged header) fails the tag.
        String forged = "v1:" + other.currentKeyId() + sealed.substring(sealed.indexOf(':', 3));
        assertThatThrownBy(() -> other.open(forged, CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class);
    }

    @Test
    void everySealingDrawsANewNonce() {
        Set<String> nonces = new HashSet<>();
        Set<String> sealed = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String value = cipher.seal(SECRET, CONTEXT);
            sealed.add(value);
            nonces.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(payload(value), 12)));
        }
        assertThat(nonces).hasSize(10_000);
        assertThat(sealed).hasSize(10_000);
    }

    @Test
    void afterRotationOldValuesOpenWithThePreviousKeyAndAreSealedAgainUnderTheNewOne() {
        String old = cipher.seal(SECRET, CONTEXT);
        byte[] next = key();
        SecretCipher rotated = new SecretCipher(next, List.of(key));
        assertThat(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
        assertThat(rotated.keyIds()).containsExactly(rotated.currentKeyId(), cipher.currentKeyId());
        assertThat(rotated.isCurrent(old)).isFalse();
        assertThat(rotated.open(old, CONTEXT)).isEqualTo(SECRET);

        String resealed = rotated.seal(rotated.open(old, CONTEXT), CONTEXT);
        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThat(SecretCipher.keyIdOf(resealed)).isEqualTo(rotated.currentKeyId());
        // Once the previous key is dropped, only the resealed value opens.
        SecretCipher withoutOld = new SecretCipher(next, List.of());
        assertThat(withoutOld.open(resealed, CONTEXT)).isEqualTo(SECRET);
        assertThatThrownBy(() -> withoutOld.open(old, CONTEXT)).isInstanceOf(SecretCipher.Unreadable.class)
                .hasMessageContaining("not among the configured keys");
        // The previous key never seals.
        assertThat(SecretCipher.keyIdOf(rotated.seal(SECRET, CONTEXT))).isEqualTo(rotated.currentKeyId());
    }

    @Test
    void malformedKeysAreRefusedWithAMessageThatSaysHowToMakeOne() {
        assertThatThrownBy(() -> SecretCipher.parseKey("not base64!", "PARLEY_SECRETS_KEY"))
                .hasMessageStartingWith("PARLEY_SECRETS_KEY is not base64").hasMessageContaining("openssl rand");
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretCipher.parseKey(sixteen, "PARLEY_SECRETS_KEY"))
                .hasMessageContaining("16 bytes, not the 32").hasMessageNotContaining(sixteen);
        assertThat(SecretCipher.parseKey(" " + SecretCipher.newKey() + "\n", "k")).hasSize(32);
        assertThatThrownBy(() -> new SecretCipher(key, List.of(key.clone())))
                .hasMessageContaining("is the current key");
    }

    private static byte[] key() {
        return SecretCipher.parseKey(SecretCipher.newKey(), "a test key");
    }

    private static String header(String sealed) {
        return sealed.substring(0, sealed.indexOf(':', 3) + 1);
    }

    private static byte[] payload(String sealed) {
        return Base64.getDecoder().decode(sealed.substring(header(sealed).length()));
    }
}
