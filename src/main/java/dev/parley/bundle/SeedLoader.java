package dev.parley.bundle;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Caller;
import dev.parley.common.ParleyConfig;
import dev.parley.common.RequestValidator;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/** Loads the bundled security-guarantees case into an empty database on start (PARLEY_SEED=false skips it). */
@ApplicationScoped
public class SeedLoader {

    static final String SEED = "seed/security-guarantees-2021.json";
    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    private final ParleyConfig config;
    private final BundleService bundles;
    private final ObjectMapper mapper;
    private final RequestValidator validator;
    private final Session session;

    SeedLoader(ParleyConfig config, BundleService bundles, ObjectMapper mapper, RequestValidator validator,
            Session session) {
        this.config = config;
        this.bundles = bundles;
        this.mapper = mapper;
        this.validator = validator;
        this.session = session;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        var context = Arc.container().requestContext();
        context.activate();
        try {
            boolean empty = QuarkusTransaction.requiringNew().call(() -> session
                    .createSelectionQuery("select count(*) from Party", Long.class).getSingleResult() == 0);
            if (!empty) {
                return;
            }
            Arc.container().instance(Caller.class).get().actAs("seed");
            ImportSummary summary = QuarkusTransaction.requiringNew().timeout(BundleService.IMPORT_TIMEOUT)
                    .call(() -> bundles.importBundle(validator.check(read())));
            LOG.infof("Loaded the seed case: %d demands, %d citations", summary.demandsCreated(),
                    summary.citationsCreated());
        } catch (RuntimeException e) {
            // Another replica seeding the same database at the same moment wins; this one goes on.
            LOG.warnf("Seed case not loaded: %s", e.getMessage());
        } finally {
            context.terminate();
        }
    }

    private Bundle read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is missing from the build");
            }
            return mapper.readValue(in, Bundle.class);
        } catch (IOException e) {
            throw new IllegalStateException("The seed bundle cannot be read", e);
        }
    }
}
