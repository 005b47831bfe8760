package dev.parley.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.hibernate.Session;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;

/**
 * Hands out the session of the one persistence unit that PARLEY_DB_KIND made active.
 * <p>
 * Quarkus fixes a datasource's kind at build time, so the build carries an H2 and a PostgreSQL
 * persistence unit over the same entities and activates one at runtime. Panache binds an entity to
 * a single persistence unit, which is why repositories use this session instead.
 */
@ApplicationScoped
public class Database {

    private final String kind;

    Database(ParleyConfig config) {
        this.kind = config.db().kind();
    }

    public boolean isPostgres() {
        return "postgresql".equals(kind);
    }

    @Produces
    @Singleton
    Session session(@Any InjectableInstance<Session> sessions) {
        return sessions.select(new PersistenceUnit.PersistenceUnitLiteral(kind)).get();
    }

    /** The active datasource, for the few hot reads that need no entity (see etag.VersionStore). */
    @Produces
    @Singleton
    @Active
    AgroalDataSource dataSource(@Any InjectableInstance<AgroalDataSource> dataSources) {
        return dataSources.select(new DataSource.DataSourceLiteral(kind)).get();
    }
}
