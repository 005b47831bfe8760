# Parley: built from a clean checkout with the Maven wrapper on a JDK 25 image, run on a JRE 25 image
# as a non-root user. Any Debian/Ubuntu-like JDK and JRE 25 images will do as bases:
#   docker build -t parley .
#   docker build --build-arg BUILDER_IMAGE=... --build-arg RUNTIME_IMAGE=... -t parley .
# container/build-and-run.sh builds and starts it with buildah over Debian 13 (trixie) base images
# with openjdk-25.
ARG BUILDER_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

# ---- build ---------------------------------------------------------------------------------------
FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
# The wrapper and the POM first: Maven and the dependencies are fetched before the sources are
# copied, into a cache mount of ~/.m2 that BuildKit and buildah keep across builds (a change to the
# sources or the POM downloads nothing already there). A builder without a persistent cache still
# builds, downloading everything.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2,id=parley-m2 \
    ./mvnw -B -q -ntp quarkus:go-offline
COPY src/ src/
# Tests run in CI, not here; formatting is checked there too.
RUN --mount=type=cache,target=/root/.m2,id=parley-m2 \
    ./mvnw -B -q -ntp package -Dmaven.test.skip=true -Dformatter.skip=true -Dimpsort.skip=true

# ---- run -----------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
# The embedded H2 database (the default, PARLEY_DB_KIND=h2), the generated admin key and the
# generated key that seals webhook secrets (secrets.key, unless PARLEY_SECRETS_KEY is set) live in
# /data, which the service narrows to its owner at start; with PARLEY_DB_KIND=postgresql nothing is
# written there.
# JVM_OPTS: the heap follows the container's memory limit (at most 75 % of it; metaspace, threads and
# buffers take most of the rest) and starts small (5 %): after the reads of a busy dashboard the
# service uses about 35 MB of heap, and a heap committed at 25 % from the start cost about 40 MB of
# RSS for nothing (measured; BENCHMARKS.md). Compact object headers (JEP 519) shrink every object by
# 4 bytes (about 10 MB of RSS here). An OutOfMemoryError ends the JVM so the orchestrator restarts it
# instead of leaving a half-working process. The serial collector is what the JVM picks by itself
# with one CPU; named here, it is also used on bigger nodes, where G1's own structures would cost
# about 50 MB more at this heap size (measured with NMT). JAVA_OPTS adds the AOT cache made below,
# which is mapped at start instead of loading, linking and profiling its classes again; it was
# recorded under JVM_OPTS, since a cache fits only the options (object headers, collector) it was
# made with.
ENV LANG=C.UTF-8 \
    PARLEY_DATA_DIR=/data \
    JVM_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=5 -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dfile.encoding=UTF-8"
ENV JAVA_OPTS="$JVM_OPTS -XX:AOTCache=/deployments/app.aot"
# UID 10001, group 0: no passwd entry is needed, and an arbitrary UID in group 0 (OpenShift) can
# still write /data.
RUN mkdir -p /data && chown 10001:0 /data && chmod 0770 /data
WORKDIR /deployments
# The fast-jar layout, least often changed first; owned by root and read-only to the service.
COPY --from=build /src/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /src/target/quarkus-app/*.jar /deployments/
COPY --from=build /src/target/quarkus-app/app/ /deployments/app/
COPY --from=build /src/target/quarkus-app/quarkus/ /deployments/quarkus/
# AOT cache (JEP 483/514/515): a training run starts the service on a scratch H2 database, sends it a
# few rounds of the requests it serves most (reads, conditional reads, the feed, an export, a stance
# recorded; PARLEY_TRAINING_RUN) and stops; the JVM records the classes it loaded and linked and the
# methods' profiles. Later starts map them instead (README, Container). It is made here, with this
# image's JVM, options and class path, because a cache fits only those; the JVM ignores one that
# does not fit. (The classes the JVM cannot cache, such as dynamic proxies, it skips, with a warning
# each: hence -Xlog:aot=error.)
RUN PARLEY_DATA_DIR=/tmp/training PARLEY_TRAINING_RUN=true PARLEY_SHUTDOWN_DELAY=0s PORT=0 PARLEY_RATE_LIMIT_PER_SECOND=0 \
    PARLEY_BOOTSTRAP_ADMIN_KEY=parley_training_run_key_discarded_with_its_database \
    java $JVM_OPTS -XX:AOTCacheOutput=/deployments/app.aot -Xlog:aot=error,cds=off -jar /deployments/quarkus-run.jar \
    && rm -rf /tmp/training && chmod 0444 /deployments/app.aot
USER 10001:0
VOLUME ["/data"]
EXPOSE 8080
# Quarkus stops taking requests and drains the ones in flight on SIGTERM (quarkus.shutdown.timeout).
STOPSIGNAL SIGTERM
# Exec form; the shell only expands JAVA_OPTS and then exec's the JVM, which so becomes PID 1 and
# receives the SIGTERM itself. Arguments given to `docker run IMAGE ...` go to the service.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar \"$@\"", "parley"]
