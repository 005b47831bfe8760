package dev.parley.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.ParleyConfig;
import dev.parley.feed.ChangeFilter;
import dev.parley.feed.ChangeLog;
import dev.parley.feed.ChangeType;
import dev.parley.security.SecretCipher;
import dev.parley.security.SecretsAtRest;

/** Subscriptions: their lifecycle, secrets and delivery log. */
@ApplicationScoped
public class WebhookService {

    private final WebhookRepository webhooks;
    private final Outbox outbox;
    private final ChangeLog changes;
    private final ParleyConfig config;
    private final TargetPolicy policy;
    private final SecretsAtRest secrets;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, Outbox outbox, ChangeLog changes, ParleyConfig config,
            SecretsAtRest secrets, Clock clock) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.changes = changes;
        this.config = config;
        this.secrets = secrets;
        this.policy = new TargetPolicy(config.webhooks().allowPrivateTargets());
    }

    public Webhook require(String id) {
        return webhooks.findById(id).orElseThrow(() -> new NotFound("webhook", id));
    }

    public Page<Webhook> list(PageRequest page) {
        return page.page(webhooks.page(page.after(), page.fetchSize()), w -> w.id);
    }

    @Transactional
    public WebhookSecret create(WebhookRequest request) {
        check(request);
        Webhook webhook = new Webhook();
        webhook.id = Ids.next("whk");
        String secret = Signatures.newSecret();
        webhook.secret = secrets.seal(secret, context(webhook.id));
        webhook.createdAt = Clocks.now(clock);
        apply(webhook, request);
        webhook.active = request.active() == null || request.active();
        webhooks.persist(webhook);
        touch(webhook.id);
        return new WebhookSecret(WebhookView.from(webhook), secret, null);
    }

    @Transactional
    public Webhook update(String id, UnaryOperator<WebhookRequest> edit) {
        Webhook webhook = require(id);
        WebhookRequest request = edit.apply(WebhookRequest.of(webhook));
        check(request);
        boolean reactivated = !webhook.active && Boolean.TRUE.equals(request.active());
        apply(webhook, request);
        webhook.active = request.active() == null || request.active();
        if (reactivated) {
            webhook.disabledReason = null;
        }
        touch(id);
        return webhook;
    }

    @Transactional
    public void delete(String id) {
        webhooks.delete(require(id));
        touch(id);
    }

    /**
     * A new secret; the previous one keeps signing beside it for the grace period, so receivers can
     * switch without dropping a delivery. Both stay sealed: the context of a secret is its
     * subscription, not its column.
     */
    @Transactional
    public WebhookSecret rotate(String id) {
        Webhook webhook = require(id);
        webhook.previousSecret = webhook.secret;
        webhook.previousSecretUntil = Clocks.now(clock).plus(config.webhooks().rotationGrace());
        String secret = Signatures.newSecret();
        webhook.secret = secrets.seal(secret, context(id));
        webhook.updatedAt = Clocks.now(clock);
        touch(id);
        return new WebhookSecret(WebhookView.from(webhook), secret, webhook.previousSecretUntil);
    }

    /**
     * Seals again, under the current key, every secret stored in plain text (before V70) or under a
     * previous key; answers how many subscriptions it changed. A previous secret past its grace
     * period signs nothing more and is dropped instead. The rows are locked, so replicas starting
     * together do it once. Nothing a reader sees moves, so no version does either.
     *
     * @throws Conflict when no configured key opens a stored secret
     */
    @Transactional
    int reseal() {
        List<Webhook> stale = webhooks.lockSealedOtherwiseThan(secrets.currentKeyId());
        Instant now = Clocks.now(clock);
        for (Webhook webhook : stale) {
            if (webhook.previousSecretUntil == null || !webhook.previousSecretUntil.isAfter(now)) {
                webhook.previousSecret = null;
                webhook.previousSecretUntil = null;
            }
            try {
                webhook.secret = resealed(webhook.secret, webhook.id);
                webhook.previousSecret = resealed(webhook.previousSecret, webhook.id);
            } catch (SecretCipher.Unreadable e) {
                throw new Conflict("SECRET_KEY_MISSING", "Webhook " + webhook.id + ": " + e.getMessage()
                        + ". Give the key that sealed it in PARLEY_SECRETS_KEY or PARLEY_SECRETS_PREVIOUS_KEYS.");
            }
        }
        return stale.size();
    }

    String currentKeyId() {
        return secrets.currentKeyId();
    }

    private String resealed(String stored, String id) {
        return secrets.stale(stored) ? secrets.seal(secrets.open(stored, context(id)), context(id)) : stored;
    }

    @Transactional
    public DeliveryView ping(String id) {
        return outbox.ping(require(id));
    }

    @Transactional
    public DeliveryView redeliver(String id, String deliveryId) {
        require(id);
        return outbox.redeliver(id, deliveryId).orElseThrow(() -> new NotFound("delivery", deliveryId));
    }

    public Page<AttemptView> attempts(String id, PageRequest page) {
        require(id);
        Long before;
        try {
            before = page.after() == null ? null : Long.valueOf(page.after());
        } catch (NumberFormatException e) {
            throw InvalidRequest.badParameter("page_token", "is not a token this service issued");
        }
        return page.page(outbox.attempts(id, before, page.fetchSize()), AttemptView::id);
    }

    /** Where and how to send a delivery now, or why not. */
    @Transactional
    Target target(String id) {
        Webhook webhook = require(id);
        String refusal = policy.refusal(webhook.url);
        if (refusal != null) {
            return new Target(webhook.url, null, null, "the URL " + refusal);
        }
        boolean both = webhook.previousSecret != null && webhook.previousSecretUntil != null
                && webhook.previousSecretUntil.isAfter(clock.instant());
        try {
            return new Target(webhook.url, secrets.open(webhook.secret, context(id)),
                    both ? secrets.open(webhook.previousSecret, context(id)) : null, null);
        } catch (SecretCipher.Unreadable e) {
            // A replica not yet given the key another one sealed with (a rotation under way): retried.
            return new Target(webhook.url, null, null, e.getMessage() + " on this replica");
        }
    }

    /** What a subscription's secrets are bound to when sealed: the subscription. */
    private static String context(String id) {
        return "webhook/" + id;
    }

    private void check(WebhookRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String refusal = policy.refusal(request.url());
        if (refusal != null) {
            errors.add(new FieldError("/url", refusal));
        }
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String type = request.eventTypes().get(i);
            if (!"*".equals(type) && ChangeType.ofWire(type).isEmpty()) {
                errors.add(new FieldError("/event_types/" + i, "is not a change type; use one of "
                        + ChangeType.wires().stream().sorted().toList() + " or *"));
            }
        }
        if (request.toStatus() != null && !ChangeFilter.STATUSES.contains(request.toStatus())) {
            errors.add(new FieldError("/to_status", "must be a position status or a demand status"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private void touch(String id) {
        changes.touch(WebhookChanges.scopes(id));
    }

    private void apply(Webhook webhook, WebhookRequest request) {
        webhook.url = request.url();
        webhook.eventTypes = Webhook.encode(request.eventTypes().stream().distinct().toList());
        webhook.description = request.description();
        webhook.negotiation = request.negotiation();
        webhook.demand = request.demand();
        webhook.party = request.party();
        webhook.toStatus = request.toStatus();
        webhook.updatedAt = Clocks.now(clock);
    }

    /** A subscription's address and signing keys at delivery time. */
    record Target(String url, String secret, String previousSecret, String refusal) {

        /** The webhook-signature header: the current secret's signature, and the previous one's during a rotation. */
        String signatures(String id, long timestamp, String body) {
            String current = Signatures.sign(secret, id, timestamp, body);
            return previousSecret == null ? current
                    : current + " " + Signatures.sign(previousSecret, id, timestamp, body);
        }
    }
}
