package dev.parley.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a record the server keeps (an attempt log, a cursor, a readiness answer) until it shows
 * what a test expects, failing with what it last read once the deadline passes. A poll, never a
 * fixed wait: it returns as soon as the record shows the state, and the assertion that follows
 * rests on that record, not on time having passed.
 */
public final class Eventually {

    /** Between reads, long enough not to flood the server, short next to any deadline. */
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {
    }

    /**
     * The first value {@code read} answers that {@code done} accepts. A read that starts once
     * {@code within} has passed is the last: it must show the state.
     */
    public static <T> T poll(Duration within, String what, Supplier<T> read, Predicate<? super T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            boolean last = System.nanoTime() - deadline > 0;
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (last) {
                throw new AssertionError("Polled " + within + " for " + what + "; last read: " + value);
            }
            LockSupport.parkNanos(PAUSE.toNanos());
            if (Thread.interrupted()) {
                throw new AssertionError("Interrupted while polling for " + what);
            }
        }
    }
}
