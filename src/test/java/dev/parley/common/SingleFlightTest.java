package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void aWakeRunsRoundsUntilNoWorkIsLeft() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        SingleFlight flight = new SingleFlight("test-rounds", () -> {
            int round = rounds.incrementAndGet();
            done.countDown();
            return round < 3;
        });

        flight.wake();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        flight.shutdown();
        assertThat(rounds).hasValue(3);
    }

    @Test
    void aWakeOrDrainAfterShutdownIsIgnored() {
        AtomicInteger rounds = new AtomicInteger();
        SingleFlight flight = new SingleFlight("test-stopped", () -> rounds.incrementAndGet() < 0);
        flight.shutdown();

        // A commit answered while the process stops still wakes its rounds; that must not fail the request.
        assertThatCode(flight::wake).doesNotThrowAnyException();
        flight.drain();

        assertThat(flight.stopped()).isTrue();
        assertThat(rounds).as("no round after shutdown, woken or polled").hasValue(0);
    }
}
