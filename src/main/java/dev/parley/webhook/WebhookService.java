package dev.parley.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clock;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.ParleyConfig;
import dev.parley.feed.ChangeLog;
import dev.parley.feed.ChangeType;

/** Subscriptions: their lifecycle, secrets and delivery log. */
@ApplicationScoped
public class WebhookService {

    private final WebhookRepository webhooks;
    private final Outbox outbox;
    private final ChangeLog changes;
    private final ParleyConfig config;
    private final TargetPolicy policy;

    WebhookService(WebhookRepository webhooks, Outbox outbox, ChangeLog changes, ParleyConfig config) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.changes = changes;
        this.config = config;
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
        webhook.secret = Signatures.newSecret();
        webhook.createdAt = Clock.now();
        apply(webhook, request);
        webhook.active = request.active() == null || request.active();
        webhooks.persist(webhook);
        touch(webhook.id);
        return new WebhookSecret(WebhookView.from(webhook), webhook.secret, null);
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
     * switch without dropping a delivery.
     */
    @Transactional
    public WebhookSecret rotate(String id) {
        Webhook webhook = require(id);
        webhook.previousSecret = webhook.secret;
        webhook.previousSecretUntil = Clock.now().plus(config.webhooks().rotationGrace());
        webhook.secret = Signatures.newSecret();
        webhook.updatedAt = Clock.now();
        touch(id);
        return new WebhookSecret(WebhookView.from(webhook), webhook.secret, webhook.previousSecretUntil);
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
        boolean both = webhook.previousSecret != null && webhook.previousSecretUntil != null
                && webhook.previousSecretUntil.isAfter(Instant.now());
        return new Target(webhook.url, webhook.secret, both ? webhook.previousSecret : null,
                policy.refusal(webhook.url));
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
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private void touch(String id) {
        changes.touch(WebhookChanges.scopes(id));
    }

    private static void apply(Webhook webhook, WebhookRequest request) {
        webhook.url = request.url();
        webhook.eventTypes = Webhook.encode(request.eventTypes().stream().distinct().toList());
        webhook.description = request.description();
        webhook.updatedAt = Clock.now();
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
