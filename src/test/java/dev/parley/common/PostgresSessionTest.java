package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The settings Parley's own PostgreSQL sessions run with (application.properties). */
@QuarkusTest
class PostgresSessionTest {

    @Inject
    @Active
    AgroalDataSource dataSource;

    @Test
    void sessionsRunWithoutJit() throws Exception {
        assumeTrue(TestDatabase.postgres(), "a PostgreSQL setting");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("show jit")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("off");
        }
    }
}
