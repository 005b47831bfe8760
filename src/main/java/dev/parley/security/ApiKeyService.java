package dev.parley.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.DataFolder;
import dev.parley.common.Ids;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;

/** Issues, checks and revokes API keys. Keys are 256 random bits; only their SHA-256 is stored. */
@ApplicationScoped
public class ApiKeyService {

    static final String PREFIX = "parley_";
    /** How long a replica trusts a key it has checked; bounds how late another replica's revocation bites. */
    static final Duration TRUST = Duration.ofSeconds(5);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final ApiKeyRepository keys;
    private final ChangeLog changes;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, ChangeLog changes, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.changes = changes;
    }

    /** The active key behind a bearer token, if any. */
    public Optional<ApiKey> authenticate(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Checked known = recent(hash, now);
        if (known != null) {
            return Optional.ofNullable(known.key());
        }
        Optional<ApiKey> key = keys.findActiveByHash(hash);
        if (checked.size() > 10_000) {
            checked.clear();
        }
        checked.put(hash, new Checked(key.orElse(null), now.plus(TRUST)));
        return key;
    }

    /** This replica's check of a token within {@link #TRUST}, or null when it must be looked up. */
    Checked checkedRecently(String token) {
        return recent(hash(token), clock.instant());
    }

    private Checked recent(String hash, Instant now) {
        Checked known = checked.get(hash);
        return known != null && known.until().isAfter(now) ? known : null;
    }

    public Page<ApiKey> list(PageRequest page) {
        return page.page(keys.page(page.after(), page.fetchSize()), k -> k.id);
    }

    public ApiKey require(String id) {
        return keys.findById(id).orElseThrow(() -> new NotFound("API key", id));
    }

    @Transactional
    public CreatedApiKey create(ApiKeyRequest request) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = register(request.name(), request.role(), token);
        return new CreatedApiKey(key.id, key.name, key.role, key.createdAt, token);
    }

    @Transactional
    public void revoke(String id) {
        ApiKey key = require(id);
        if (key.revokedAt != null) {
            // Revoked already: nothing moves, but the write still answers to its If-Match, which the
            // change log checks (a versioned write that skips it is refused, see etag.IfMatch).
            changes.touch(List.of());
            return;
        }
        if (key.role == Role.ADMIN && keys.lockActiveAdmins() <= 1) {
            throw new Conflict("LAST_ADMIN_KEY", "This is the last active admin key; create another admin key first.");
        }
        key.revokedAt = Clocks.now(clock);
        // Forgotten once the revocation is committed: a check made before the commit still sees the key active.
        String hash = key.keyHash;
        changes.touch(ApiKeyChanges.scopes(id), () -> checked.remove(hash));
    }

    /** Registers {@code token} as an admin key unless it is registered already. */
    @Transactional
    public boolean registerBootstrap(String token) {
        if (keys.findByHash(hash(token)).isPresent()) {
            return false;
        }
        register("bootstrap", Role.ADMIN, token);
        return true;
    }

    /**
     * With no key at all, makes an admin key and writes it to {@code file} (owner-only), never to
     * the log. Answers whether it did.
     */
    @Transactional
    public boolean ensureAdminKey(Path file) {
        if (keys.count() > 0) {
            return false;
        }
        CreatedApiKey created = create(new ApiKeyRequest("admin", Role.ADMIN));
        DataFolder.writeOwnerOnly(file, created.key() + "\n");
        return true;
    }

    private ApiKey register(String name, Role role, String token) {
        ApiKey key = new ApiKey();
        key.id = Ids.next("key");
        key.name = name;
        key.role = role;
        key.keyHash = hash(token);
        key.createdAt = Clocks.now(clock);
        keys.persist(key);
        changes.touch(ApiKeyChanges.scopes(key.id));
        return key;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token's key as checked, null for an unknown or revoked one, trusted until {@code until}. */
    record Checked(ApiKey key, Instant until) {
    }
}
