package dev.parley.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the web app's sessions. */
@ConfigMapping(prefix = "parley.web")
public interface WebSessionConfig {

    /** A session unused this long is over: the browser must sign in again. */
    @WithDefault("PT30M")
    Duration sessionIdle();
}
