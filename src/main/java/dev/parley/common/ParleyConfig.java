package dev.parley.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Parley's own settings; the Quarkus ones live in application.properties. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Folder for the embedded H2 database (PARLEY_DATA_DIR). */
    @WithDefault("./data")
    String dataDir();

    Db db();

    Seed seed();

    interface Db {
        /** h2 or postgresql (PARLEY_DB_KIND): which persistence unit is active. */
        @WithDefault("h2")
        String kind();
    }

    interface Seed {
        /** Load the bundled case into an empty database on start (PARLEY_SEED). */
        @WithDefault("true")
        boolean enabled();
    }
}
