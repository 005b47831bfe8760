package dev.parley.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Parley's own settings; the Quarkus ones live in application.properties. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /**
     * Folder for the embedded H2 database (PARLEY_DATA_DIR; default in application.properties, which names it in the H2 URL).
     */
    String dataDir();

    Db db();

    /**
     * Let GETs through without an API key (PARLEY_ANONYMOUS_READ); application.properties makes it
     * true with the embedded H2 database and false with PostgreSQL.
     */
    boolean anonymousRead();

    /** An admin key to register on start, idempotently (PARLEY_BOOTSTRAP_ADMIN_KEY). */
    Optional<String> bootstrapAdminKey();

    Seed seed();

    /** Start, then stop at once (PARLEY_TRAINING_RUN): see {@link TrainingRun}. */
    @WithDefault("false")
    boolean trainingRun();

    Feed feed();

    RateLimit rateLimit();

    Webhooks webhooks();

    Secrets secrets();

    ResponseCache responseCache();

    Versions versions();

    interface Versions {
        /**
         * How often a replica reads the versions other replicas moved (PARLEY_VERSIONS_SYNC_INTERVAL):
         * how late their writes may change ETags here.
         */
        @WithDefault("PT0.1S")
        Duration syncInterval();

        /** With no successful sync for this long, conditional requests read the database instead. */
        @WithDefault("PT1S")
        Duration maxLag();

        /** Scopes held in memory; past that, memory starts again empty. */
        @WithDefault("50000")
        int maxEntries();
    }

    interface ResponseCache {
        /**
         * Memory for rendered bodies of versioned GETs, served again while their ETag stands
         * (PARLEY_RESPONSE_CACHE_MAX_BYTES); 0 turns the cache off.
         */
        @WithDefault("16777216")
        long maxBytes();

        /** Bodies larger than this (an export, say) are rendered each time. */
        @WithDefault("1048576")
        long maxEntryBytes();
    }

    interface Secrets {
        /**
         * The key that seals secrets kept in the database (PARLEY_SECRETS_KEY): the base64 of 32 random
         * bytes. Without it the embedded default makes one in {@code ${PARLEY_DATA_DIR}/secrets.key};
         * PostgreSQL does not start, since its replicas must share one key.
         */
        Optional<String> key();

        /** Keys that sealed secrets before the current one (PARLEY_SECRETS_PREVIOUS_KEYS): read, never used to seal. */
        Optional<List<String>> previousKeys();
    }

    interface Webhooks {
        /** Accept loopback, link-local and private-range targets (PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** The first retry comes after about this long; each later one waits twice as long. */
        @WithDefault("PT5S")
        Duration firstRetry();

        /** No wait between retries is longer than this. */
        @WithDefault("PT1H")
        Duration longestWait();

        /** A delivery still failing this long after its event is given up. */
        @WithDefault("P3D")
        Duration giveUpAfter();

        /** How long a rotated-out secret still signs deliveries beside the new one. */
        @WithDefault("PT24H")
        Duration rotationGrace();

        /** How long the receiver may take to answer. */
        @WithDefault("PT15S")
        Duration timeout();

        /** How often the dispatcher looks for due deliveries (it is also woken after each commit). */
        @WithDefault("PT1S")
        Duration poll();
    }

    interface RateLimit {
        /** Requests a second each API key (or each address, for anonymous callers) may sustain; 0 turns limiting off. */
        @WithDefault("50")
        int perSecond();

        /** How many requests may come at once above the sustained rate. */
        @WithDefault("200")
        int burst();
    }

    interface Db {
        /**
         * h2 or postgresql (PARLEY_DB_KIND): which persistence unit is active. Its default (h2) is in
         * application.properties, whose datasource settings are derived from it.
         */
        String kind();
    }

    interface Feed {
        /** How long changes stay in the log; a cursor older than that gets 410 (PARLEY_FEED_RETENTION). */
        @WithDefault("P7D")
        Duration retention();

        /** How often streams look for changes written by other replicas. */
        @WithDefault("PT1S")
        Duration streamPoll();

        /** How often an idle stream gets a comment line to keep proxies from closing it. */
        @WithDefault("PT10S")
        Duration heartbeat();

        /** How often changes older than the retention are removed. */
        @WithDefault("PT1H")
        Duration pruneEvery();

        /** The reconnection delay sent to stream clients as {@code retry:}. */
        @WithDefault("PT2S")
        Duration reconnectDelay();
    }

    interface Seed {
        /** Load the bundled case into an empty database on start (PARLEY_SEED; default true, in application.properties). */
        boolean enabled();
    }
}
