package dev.parley.webhook;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.security.SecretsAtRest;
import io.quarkus.runtime.StartupEvent;

/**
 * On start, seals every webhook secret still in plain text (stored before V70) or under a previous key
 * again under the current key, and refuses to start when a configured key is missing for one: a key is
 * never dropped while a secret still needs it. How a key is rotated is in README (Configuration).
 */
@ApplicationScoped
class Resealing {

    private static final Logger LOG = Logger.getLogger(Resealing.class);

    private final WebhookService webhooks;
    private final SecretsAtRest secrets;

    Resealing(WebhookService webhooks, SecretsAtRest secrets) {
        this.webhooks = webhooks;
        this.secrets = secrets;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        int resealed = webhooks.reseal();
        if (resealed > 0) {
            LOG.infof("Sealed the signing secrets of %d webhooks again under key id %s", resealed,
                    secrets.currentKeyId());
        }
    }
}
