package dev.parley.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.parley.security.SecretCipher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh, real database for each test run: an H2 file under target/ by default, or a new database
 * on the PostgreSQL server at 127.0.0.1:5432 when the postgres Maven profile sets
 * PARLEY_DB_KIND=postgresql. Dropped again when the run ends. Annotated on itself, it applies to
 * every @QuarkusTest, so the application starts once per run.
 */
@SuppressWarnings("deprecation") // @WithTestResource would restart Quarkus for each test class
@QuarkusTestResource(TestDatabase.class)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    static final String ADMIN_URL = System.getenv().getOrDefault("PARLEY_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("PARLEY_DB_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("PARLEY_DB_PASSWORD", "");

    private final String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Path h2Dir;

    public static boolean postgres() {
        return "postgresql".equals(System.getenv("PARLEY_DB_KIND"));
    }

    @Override
    public Map<String, String> start() {
        if (postgres()) {
            execute(ADMIN_URL, "create database " + name);
            // PostgreSQL needs a configured key (replicas share it); H2 makes its own in the data folder.
            return Map.of("quarkus.datasource.\"postgresql\".jdbc.url",
                    "jdbc:postgresql://127.0.0.1:5432/" + name,
                    "quarkus.datasource.\"postgresql\".username", USER,
                    "quarkus.datasource.\"postgresql\".password", PASSWORD,
                    "parley.secrets.key", SecretCipher.newKey());
        }
        try {
            h2Dir = Files.createDirectories(Path.of("target", "test-data", name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("parley.data-dir", h2Dir.toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        if (postgres()) {
            execute(ADMIN_URL, "drop database if exists " + name + " with (force)");
        } else if (h2Dir != null) {
            try (Stream<Path> files = Files.walk(h2Dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover folder under target/ is harmless.
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused: " + sql
                    + " (is it running? pg_ctlcluster --skip-systemctl-redirect 15 main start)", e);
        }
    }
}
