package dev.parley.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.common.DataFolder;
import dev.parley.common.Database;
import dev.parley.common.ParleyConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Seals the secrets Parley keeps in its database (webhook signing secrets) under the key of
 * PARLEY_SECRETS_KEY, and opens them with it or a key of PARLEY_SECRETS_PREVIOUS_KEYS. On the embedded
 * default without a key, the key is {@code ${PARLEY_DATA_DIR}/secrets.key}, made on first start. The
 * keys are read and checked as the service starts, which it refuses to do with a malformed one.
 */
@ApplicationScoped
public class SecretsAtRest {

    static final String KEY_FILE = "secrets.key";
    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);

    private final SecretCipher cipher;

    SecretsAtRest(ParleyConfig config, Database database) {
        Path folder = Path.of(config.dataDir()).toAbsolutePath();
        if (!database.isPostgres()) {
            DataFolder.secure(folder);
        }
        List<byte[]> previous = config.secrets().previousKeys().orElse(List.of()).stream()
                .filter(k -> !k.isBlank())
                .map(k -> SecretCipher.parseKey(k, "A key of PARLEY_SECRETS_PREVIOUS_KEYS"))
                .toList();
        byte[] current;
        if (config.secrets().key().filter(k -> !k.isBlank()).isPresent()) {
            current = SecretCipher.parseKey(config.secrets().key().get(), "PARLEY_SECRETS_KEY");
        } else if (database.isPostgres()) {
            throw new IllegalStateException("PARLEY_SECRETS_KEY is not set. With PostgreSQL every replica must seal"
                    + " and open webhook secrets with the same key: put the base64 of 32 random bytes"
                    + " (`openssl rand -base64 32`) in the Secret as PARLEY_SECRETS_KEY (see k8s/README.md).");
        } else {
            current = keyFile(folder.resolve(KEY_FILE));
        }
        this.cipher = new SecretCipher(current, previous);
        LOG.infof("Secrets at rest are sealed under key id %s%s", cipher.currentKeyId(),
                previous.isEmpty() ? "" : "; also opened with key ids " + cipher.keyIds().subList(1, previous.size() + 1));
    }

    /** Reads the keys before anything else starts, so a malformed one stops the service at once. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        cipher.currentKeyId();
    }

    /** The key in {@code file}, made there (mode 600) when there is none yet. */
    static byte[] keyFile(Path file) {
        if (!Files.exists(file)) {
            DataFolder.writeOwnerOnly(file, SecretCipher.newKey() + "\n");
            LOG.infof("No PARLEY_SECRETS_KEY: a key was made in %s; keep it with the database, which it opens", file);
        }
        try {
            return SecretCipher.parseKey(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the secrets key " + file, e);
        }
    }

    /** {@code plaintext} sealed under the current key, bound to {@code context} (which record holds it). */
    public String seal(String plaintext, String context) {
        return cipher.seal(plaintext, context);
    }

    /**
     * The plaintext of a stored value. A value stored before secrets were sealed (V70) is answered as it
     * is; the start of the service seals it.
     *
     * @throws SecretCipher.Unreadable when none of the configured keys opens it
     */
    public String open(String stored, String context) {
        return SecretCipher.isSealed(stored) ? cipher.open(stored, context) : stored;
    }

    /** Whether a stored value must be sealed again: it is plain text, or sealed under another key. */
    public boolean stale(String stored) {
        return stored != null && !cipher.isCurrent(stored);
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }
}
