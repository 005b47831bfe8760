package dev.parley.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * Runs a background round at most once at a time: a wake-up during a round makes it go round once
 * more instead of starting a second one. Rounds run on a thread of their own that carries no
 * request or transaction context from whoever woke it (wake-ups come from after-commit observers).
 */
public final class SingleFlight {

    private static final Logger LOG = Logger.getLogger(SingleFlight.class);

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService executor;
    private final BooleanSupplier round;
    private final String name;
    private volatile boolean stopped;

    /** {@code round} does one batch of work and answers true when more is waiting. */
    public SingleFlight(String name, BooleanSupplier round) {
        this.name = name;
        this.round = round;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks for a round soon, without waiting for it. */
    public void wake() {
        if (stopped) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Shut down since the check above: no round may start any more.
        }
    }

    /** Runs rounds until no work is left, unless a round runs already. */
    public void drain() {
        if (stopped) {
            return;
        }
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (again.getAndSet(false)) {
                if (round.getAsBoolean()) {
                    again.set(true);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s failed; the next poll retries", name);
        } finally {
            running.set(false);
        }
        if (again.get()) {
            wake();
        }
    }

    /** Whether {@link #shutdown} was called: no round starts after it, whoever asks. */
    public boolean stopped() {
        return stopped;
    }

    /** Stops for good: wake-ups and drains after this do nothing, as the process is stopping. */
    public void shutdown() {
        stopped = true;
        executor.shutdownNow();
    }
}
