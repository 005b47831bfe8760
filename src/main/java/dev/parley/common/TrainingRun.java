package dev.parley.common;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * PARLEY_TRAINING_RUN=true: starts as usual, then stops at once. Run so under
 * {@code -XX:ArchiveClassesAtExit}, it records the classes a start loads into a class-data archive
 * that later starts map instead of loading them again (the container image does this when it is
 * built; see the Dockerfile).
 */
@ApplicationScoped
public class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class);

    private final ParleyConfig config;

    TrainingRun(ParleyConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (config.trainingRun()) {
            LOG.info("Training run: started, stopping again");
            Quarkus.asyncExit();
        }
    }
}
