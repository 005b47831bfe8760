package dev.parley.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Counts the SQL statements Hibernate prepares while a test listens, on whichever database runs: a
 * statement inspector sees each one as it is prepared, including batch and lazy loads.
 */
public final class Statements {

    private static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();
    private static volatile boolean listening;

    private Statements() {
    }

    /** The statements prepared while {@code action} ran that satisfy {@code which}. */
    public static synchronized List<String> during(Runnable action, Predicate<String> which) {
        SEEN.clear();
        listening = true;
        try {
            action.run();
        } finally {
            listening = false;
        }
        return SEEN.stream().filter(which).toList();
    }

    static String seen(String sql) {
        if (listening) {
            SEEN.add(sql);
        }
        return sql;
    }

    @PersistenceUnitExtension("h2")
    public static class OnH2 implements StatementInspector {
        @Override
        public String inspect(String sql) {
            return seen(sql);
        }
    }

    @PersistenceUnitExtension("postgresql")
    public static class OnPostgresql implements StatementInspector {
        @Override
        public String inspect(String sql) {
            return seen(sql);
        }
    }
}
