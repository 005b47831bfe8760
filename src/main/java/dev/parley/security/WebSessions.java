package dev.parley.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.parley.common.Clocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Exchanges an API key for a browser session and finds the session behind a cookie. The key is
 * checked once, at sign-in; the session then stands for it until sign-out, idle expiry or the key's
 * revocation, whichever comes first.
 */
@ApplicationScoped
public class WebSessions {

    public static final String COOKIE = "parley_session";
    /** The header a page sends its session's CSRF token in; a cross-site form cannot set it. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final SecureRandom random = new SecureRandom();
    private final ApiKeyService keys;
    private final Session session;
    private final WebSessionConfig config;
    private final Clock clock;

    WebSessions(ApiKeyService keys, Session session, WebSessionConfig config, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.session = session;
        this.config = config;
    }

    /** A signed-in browser: the cookie's token (shown once) and the session. */
    public record Opened(String token, WebSession session) {
    }

    /** Opens a session for an active key, or nothing when the key is unknown or revoked. */
    @Transactional
    public Optional<Opened> signIn(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return keys.authenticate(apiKey.trim()).map(key -> {
            String token = randomToken();
            WebSession web = new WebSession();
            web.tokenHash = ApiKeyService.hash(token);
            web.key = session.getReference(ApiKey.class, key.id);
            web.csrfToken = randomToken();
            web.createdAt = Clocks.now(clock);
            web.lastSeenAt = web.createdAt;
            session.persist(web);
            web.key = key;
            return new Opened(token, web);
        });
    }

    /**
     * The live session behind a cookie's token: not idle past the limit and its key not revoked.
     * Each use moves its idle clock (written at most once a minute).
     */
    @Transactional
    public Optional<WebSession> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        WebSession web = session.find(WebSession.class, ApiKeyService.hash(token));
        if (web == null) {
            return Optional.empty();
        }
        Instant now = Clocks.now(clock);
        if (web.key.revokedAt != null || web.lastSeenAt.plus(config.sessionIdle()).isBefore(now)) {
            session.remove(web);
            return Optional.empty();
        }
        if (web.lastSeenAt.plusSeconds(60).isBefore(now)) {
            web.lastSeenAt = now;
        }
        return Optional.of(web);
    }

    @Transactional
    public void signOut(String token) {
        if (token != null && !token.isBlank() && token.length() <= 100) {
            WebSession web = session.find(WebSession.class, ApiKeyService.hash(token));
            if (web != null) {
                session.remove(web);
            }
        }
    }

    /** Sessions left idle past the limit are gone at their next use; these never came back. */
    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        QuarkusTransaction.requiringNew().run(() -> session
                .createMutationQuery("delete from WebSession where lastSeenAt < :cutoff")
                .setParameter("cutoff", Clocks.now(clock).minus(config.sessionIdle())).executeUpdate());
    }

    /** Whether a write's CSRF token is its session's; compared in constant time. */
    public static boolean csrfMatches(WebSession web, String sent) {
        return sent != null && MessageDigest.isEqual(web.csrfToken.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
