package dev.parley.feed;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.parley.common.Clocks;
import dev.parley.common.ParleyConfig;
import io.quarkus.scheduler.Scheduled;

/** Drops changes past the retention window; readers behind it get 410 and re-list. */
@ApplicationScoped
class ChangeRetention {

    private static final Logger LOG = Logger.getLogger(ChangeRetention.class);

    private final ChangeRepository changes;
    private final ParleyConfig config;

    private final Clock clock;

    ChangeRetention(ChangeRepository changes, ParleyConfig config, Clock clock) {
        this.clock = clock;
        this.changes = changes;
        this.config = config;
    }

    @Scheduled(every = "${parley.feed.prune-every}", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void scheduled() {
        prune();
    }

    /** Removes what is past the window now; answers how many changes went. */
    @Transactional
    public int prune() {
        int removed = changes.pruneBefore(Clocks.now(clock).minus(config.feed().retention()));
        if (removed > 0) {
            LOG.infof("Pruned %d changes older than %s", removed, config.feed().retention());
        }
        return removed;
    }
}
