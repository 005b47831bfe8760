package dev.parley.security;

import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.common.Database;
import dev.parley.common.ParleyConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * On start: registers PARLEY_BOOTSTRAP_ADMIN_KEY as an admin key, and on the embedded default with
 * no key at all writes a new admin key to {@code ${PARLEY_DATA_DIR}/admin.key}, never to the log.
 */
@ApplicationScoped
class KeyBootstrap {

    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    private final ApiKeyService keys;
    private final ParleyConfig config;
    private final Database database;

    KeyBootstrap(ApiKeyService keys, ParleyConfig config, Database database) {
        this.keys = keys;
        this.config = config;
        this.database = database;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            config.bootstrapAdminKey().filter(k -> !k.isBlank()).ifPresent(token -> {
                if (keys.registerBootstrap(token.trim())) {
                    LOG.info("Registered the admin key from PARLEY_BOOTSTRAP_ADMIN_KEY");
                }
            });
            if (!database.isPostgres()) {
                Path file = Path.of(config.dataDir(), "admin.key").toAbsolutePath();
                if (keys.ensureAdminKey(file)) {
                    LOG.infof("No API key existed: an admin key was written to %s", file);
                }
            }
        } catch (RuntimeException e) {
            // Two replicas starting at once may race to register the same key; the other one won.
            LOG.warnf("API key bootstrap skipped: %s", e.getMessage());
        }
    }
}
