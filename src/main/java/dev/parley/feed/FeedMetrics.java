package dev.parley.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Parley's own figures about the change log at /q/metrics: what was committed, who is listening. */
@Startup
@ApplicationScoped
class FeedMetrics {

    private final MeterRegistry registry;
    private final Counter stances;

    FeedMetrics(MeterRegistry registry, ChangeStream stream) {
        this.registry = registry;
        this.stances = Counter.builder("parley.stances.recorded")
                .description("Stances appended to position histories (committed)").register(registry);
        Gauge.builder("parley.sse.subscribers", stream, ChangeStream::subscriberCount)
                .description("Open change streams on this replica").register(registry);
    }

    /** Counted as written, in the commit step; a commit failing after it is the rare exception. */
    void written(@Observes ChangesWritten written) {
        for (ChangeWritten change : written.changes()) {
            registry.counter("parley.changes.appended", "type", change.type().wire()).increment();
            if (change.type() == ChangeType.POSITION_CHANGED) {
                stances.increment();
            }
        }
    }
}
