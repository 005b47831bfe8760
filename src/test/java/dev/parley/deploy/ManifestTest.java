package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.parley.common.ParleyConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Validates k8s/ and the Dockerfile against the Kubernetes API model (fabric8's, strictly: a field
 * the schema of its kind does not have, or a value of the wrong type, fails) and against the
 * service itself: ports, probe paths, the environment variables it reads, the image's user. Plain
 * JUnit; no cluster, no Quarkus.
 */
class ManifestTest {

    private static final Path ROOT = Path.of(System.getProperty("parley.basedir", ".")).toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("k8s");
    private static final Path PROPERTIES = ROOT.resolve("src/main/resources/application.properties");
    private static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
    /** Listed in no kustomization on purpose: applying it would overwrite the real Secret. */
    private static final String SECRET_EXAMPLE = "secret.example.yaml";
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/started", "/q/health/live", "/q/health/ready");
    /** PostgreSQL's default max_connections, less headroom for reserved, admin and migration sessions. */
    private static final int CONNECTION_BUDGET = 100 - 20;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<String, List<HasMetadata>> byFile = new TreeMap<>();
    private static Map<String, String> properties;
    private static String dockerfile;

    @BeforeAll
    static void load() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                if (name.equals(KUSTOMIZATION)) {
                    continue;
                }
                Object parsed;
                try (InputStream in = Files.newInputStream(file)) {
                    parsed = serialization.unmarshal(in);
                } catch (RuntimeException e) {
                    throw new AssertionError(name + " does not parse as Kubernetes objects: " + e.getMessage(), e);
                }
                List<HasMetadata> objects = new ArrayList<>();
                if (parsed instanceof KubernetesList list) {
                    parsed = list.getItems();
                }
                for (Object o : parsed instanceof Collection<?> c ? c : Collections.singletonList(parsed)) {
                    assertThat(o).as("%s: a Kubernetes object", name).isInstanceOf(HasMetadata.class);
                    assertThat(o).as("%s: a kind the model knows (apiVersion and kind)", name)
                            .isNotInstanceOf(GenericKubernetesResource.class);
                    List<String> unknown = new ArrayList<>();
                    unknownFields(o, ((HasMetadata) o).getKind(), unknown, new IdentityHashMap<>());
                    assertThat(unknown).as("%s: fields its schema does not have, or of the wrong type", name).isEmpty();
                    objects.add((HasMetadata) o);
                }
                byFile.put(name, objects);
            }
        }
        properties = readProperties(PROPERTIES);
        dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
    }

    // ---- the model -------------------------------------------------------------------------------

    @Test
    void everyKindIsThereOnce() {
        Map<String, Long> kinds = all().stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
        assertThat(kinds).containsOnlyKeys("Deployment", "Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler",
                "PodDisruptionBudget");
        assertThat(kinds.values()).allMatch(n -> n == 1);
        assertThat(one(Secret.class)).isSameAs(byFile.get(SECRET_EXAMPLE).get(0));
        for (HasMetadata o : all()) {
            assertThat(o.getMetadata().getName()).as("%s name", o.getKind()).isNotBlank();
            assertThat(o.getMetadata().getNamespace()).as("%s: the namespace is the kubectl context's", o.getKind()).isNull();
        }
    }

    @Test
    void deploymentRunsTwoReplicasOrMore() {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(labelsOfPods()).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(podSpec().getContainers()).hasSize(1);
        assertThat(container().getName()).isNotBlank();
        assertThat(container().getImage()).isNotBlank();
    }

    @Test
    void portsAreTheServicePort() {
        int port = servicePort();
        assertThat(port).isEqualTo(8080);
        assertThat(container().getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE\\s+" + port + "\\s*$");
        // PORT, where the Deployment sets it, is that port.
        env().stream().filter(e -> e.getName().equals("PORT"))
                .forEach(e -> assertThat(e.getValue()).isEqualTo(String.valueOf(port)));
        assertThat(configMap().getData()).doesNotContainKey("PORT");

        Service service = one(Service.class);
        assertThat(labelsOfPods()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).isNotEmpty();
        for (ServicePort p : service.getSpec().getPorts()) {
            assertThat(containerPort(p.getTargetPort())).as("Service targetPort").isEqualTo(port);
        }
    }

    @Test
    void probesAskTheHealthEndpoints() {
        Container c = container();
        assertThat(probePath(c.getReadinessProbe(), "readiness")).isEqualTo("/q/health/ready");
        assertThat(probePath(c.getLivenessProbe(), "liveness")).isEqualTo("/q/health/live");
        assertThat(probePath(c.getStartupProbe(), "startup")).isIn(HEALTH_PATHS);
        for (Probe probe : List.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())) {
            assertThat(containerPort(probe.getHttpGet().getPort())).isEqualTo(servicePort());
        }
        // Startup may take a while (Flyway on first start): the startup probe allows a minute or more.
        Probe startup = c.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void runsAsNonRootOnAReadOnlyRoot() {
        PodSecurityContext pod = podSpec().getSecurityContext();
        SecurityContext sc = container().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsUser()).isEqualTo(10001L);
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                : pod.getSeccompProfile().getType();
        assertThat(seccomp).isEqualTo("RuntimeDefault");
        // The image runs as the same user.
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(dockerfile);
        assertThat(user.find()).as("the Dockerfile has a numeric USER").isTrue();
        assertThat(Long.parseLong(user.group(1))).isEqualTo(sc.getRunAsUser());
        // With the root read-only, /tmp (JVM, Vert.x) must be a volume.
        String tmpVolume = container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .map(m -> m.getName()).findFirst().orElseThrow(() -> new AssertionError("no volume at /tmp"));
        assertThat(podSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmpVolume);
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        ResourceRequirements r = container().getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = r.getRequests().get(resource);
            Quantity limit = r.getLimits().get(resource);
            assertThat(request).as("%s request", resource).isNotNull();
            assertThat(limit).as("%s limit", resource).isNotNull();
            BigDecimal req = Quantity.getAmountInBytes(request);
            assertThat(req).as("%s request", resource).isPositive();
            assertThat(req).as("%s request <= limit", resource).isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
        }
    }

    @Test
    void shutdownFitsTheGracePeriod() {
        long preStop = 0;
        if (container().getLifecycle() != null && container().getLifecycle().getPreStop() != null) {
            List<String> command = container().getLifecycle().getPreStop().getExec().getCommand();
            assertThat(command).as("preStop is a sleep").hasSize(2).first().isEqualTo("sleep");
            preStop = Long.parseLong(command.get(1));
        }
        Duration drain = Optional.ofNullable(properties.get("quarkus.shutdown.timeout")).map(ManifestTest::duration)
                .orElse(Duration.ZERO);
        Duration delay = Optional.ofNullable(properties.get("quarkus.shutdown.delay")).map(ManifestTest::duration)
                .orElse(Duration.ZERO);
        long grace = podSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).as("terminationGracePeriodSeconds >= preStop %ss + shutdown delay %s + timeout %s", preStop,
                delay, drain).isGreaterThanOrEqualTo(preStop + delay.toSeconds() + drain.toSeconds() + 1);
        // Kubernetes sends SIGTERM; the image must deliver it to the JVM.
        assertThat(dockerfile).containsPattern("(?m)^STOPSIGNAL\\s+SIGTERM\\s*$");
        assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT\\s+\\[.*exec java ");
    }

    // ---- the service's own settings ----------------------------------------------------------------

    @Test
    void everyVariableIsOneTheServiceReads() {
        Set<String> read = variablesTheServiceReads();
        Set<String> named = new TreeSet<>();
        env().forEach(e -> named.add(e.getName()));
        named.addAll(configMap().getData().keySet());
        named.addAll(secretKeys());
        assertThat(named).isNotEmpty();
        assertThat(read).as("variables the service reads").containsAll(named);
    }

    @Test
    void settingsComeFromTheConfigMapAndSecretsFromTheSecret() {
        List<EnvFromSource> from = container().getEnvFrom();
        assertThat(from).anySatisfy(f -> assertThat(f.getConfigMapRef().getName()).isEqualTo(configMap().getMetadata()
                .getName()));
        String secretName = one(Secret.class).getMetadata().getName();
        boolean secretByEnvFrom = from.stream().anyMatch(f -> f.getSecretRef() != null
                && secretName.equals(f.getSecretRef().getName()));
        for (String key : List.of("PARLEY_DB_PASSWORD", "PARLEY_BOOTSTRAP_ADMIN_KEY", "PARLEY_SECRETS_KEY")) {
            assertThat(secretKeys()).contains(key);
            assertThat(configMap().getData()).doesNotContainKey(key);
            boolean byRef = env().stream().anyMatch(e -> e.getName().equals(key) && e.getValueFrom() != null
                    && e.getValueFrom().getSecretKeyRef() != null
                    && secretName.equals(e.getValueFrom().getSecretKeyRef().getName()));
            assertThat(secretByEnvFrom || byRef).as("%s comes from the Secret %s", key, secretName).isTrue();
            assertThat(env()).noneMatch(e -> e.getName().equals(key) && e.getValue() != null);
        }
        assertThat(configMap().getData()).containsEntry("PARLEY_DB_KIND", "postgresql")
                .containsEntry("PARLEY_ANONYMOUS_READ", "false");
        // The example holds placeholders only.
        Secret secret = one(Secret.class);
        assertThat(secret.getData()).isNullOrEmpty();
        assertThat(secret.getStringData().values()).allMatch(v -> v.startsWith("REPLACE-ME"));
    }

    @Test
    void connectionsFitPostgres() {
        int pool = Integer.parseInt(configMap().getData().get("PARLEY_DB_POOL_SIZE"));
        int maxReplicas = one(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas();
        IntOrString surge = one(Deployment.class).getSpec().getStrategy().getRollingUpdate().getMaxSurge();
        assertThat(surge.getIntVal()).as("maxSurge as a number of pods").isNotNull();
        assertThat((maxReplicas + surge.getIntVal()) * pool).as("(maxReplicas + maxSurge) x PARLEY_DB_POOL_SIZE")
                .isLessThanOrEqualTo(CONNECTION_BUDGET);
    }

    // ---- the rest selects the Deployment ---------------------------------------------------------

    @Test
    void autoscalerAndDisruptionBudgetSelectTheDeployment() {
        Deployment deployment = one(Deployment.class);
        HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo(deployment.getApiVersion());
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas())
                .isGreaterThanOrEqualTo(deployment.getSpec().getReplicas());
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo("Resource");
            assertThat(m.getResource().getName()).isEqualTo("cpu");
        });

        PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(labelsOfPods()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isNotEmpty();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve(KUSTOMIZATION).toFile());
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        Set<String> fieldNames = new TreeSet<>();
        kustomization.fieldNames().forEachRemaining(fieldNames::add);
        assertThat(fieldNames).isSubsetOf("apiVersion", "kind", "resources", "images", "labels", "namespace");
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).doesNotHaveDuplicates().doesNotContain(SECRET_EXAMPLE);
        Set<String> expected = new TreeSet<>(byFile.keySet());
        expected.remove(SECRET_EXAMPLE);
        assertThat(new TreeSet<>(resources)).isEqualTo(expected);
        // Its images: entry renames the Deployment's image.
        String image = container().getImage().replaceFirst(":[^:/]*$", "");
        assertThat(kustomization.path("images")).anySatisfy(i -> assertThat(i.path("name").asText()).isEqualTo(image));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * The environment variables Parley reads: the {@code ${NAME:...}} references in
     * application.properties, the env form of every {@code parley.*} property of ParleyConfig, and
     * JAVA_OPTS, which the image's entrypoint passes to the JVM.
     */
    static Set<String> variablesTheServiceReads() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(String.join("\n", properties.values()));
        while (m.find()) {
            names.add(m.group(1));
        }
        String prefix = ParleyConfig.class.getAnnotation(ConfigMapping.class).prefix();
        mappingProperties(prefix, ParleyConfig.class, names);
        assertThat(names).as("derived from the service").contains("PORT", "PARLEY_DB_PASSWORD", "PARLEY_DATA_DIR");
        assertThat(dockerfile).as("the image's entrypoint reads JAVA_OPTS").containsPattern(
                "(?m)^ENTRYPOINT .*\\$JAVA_OPTS");
        names.add("JAVA_OPTS");
        return names;
    }

    private static void mappingProperties(String prefix, Class<?> group, Set<String> names) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == ParleyConfig.class) {
                mappingProperties(name, type, names);
            } else {
                names.add(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Quarkus' duration forms: a number of seconds, 500ms, 30s, 2m, 1h, 1d, or ISO-8601. */
    static Duration duration(String value) {
        String v = value.trim();
        Matcher ref = Pattern.compile("^\\$\\{[^:}]+:(.*)}$").matcher(v);
        if (ref.matches()) {
            v = ref.group(1).trim();
        }
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher unit = Pattern.compile("^(\\d+)(ms|s|m|h|d)$").matcher(v.toLowerCase(Locale.ROOT));
        if (unit.matches()) {
            long n = Long.parseLong(unit.group(1));
            return switch (unit.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(v.startsWith("P") || v.startsWith("p") ? v : "PT" + v);
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    /**
     * Collects every field the model did not know: fabric8 keeps those in additionalProperties
     * (also values of the wrong type) instead of failing, so strictness means all of them are empty.
     */
    private static void unknownFields(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Quantity quantity) {
            // Any string deserializes into a Quantity; the schema's pattern is what parsing checks.
            try {
                Quantity.getAmountInBytes(quantity);
            } catch (RuntimeException e) {
                unknown.add(path + " = " + quantity + ": not a quantity");
            }
            return;
        }
        if (!(o instanceof KubernetesResource) && !o.getClass().getPackageName().startsWith("io.fabric8.kubernetes")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.forEach((k, v) -> unknown.add(path + "." + k + " = " + v));
                }
            } else if (isModel(getter.getGenericReturnType())) {
                unknownFields(value, path + "." + property(getter.getName()), unknown, seen);
            }
        }
    }

    private static boolean isModel(Type type) {
        if (type instanceof ParameterizedType p) {
            return Stream.of(p.getActualTypeArguments()).anyMatch(ManifestTest::isModel);
        }
        return type instanceof Class<?> c && c.getPackageName().startsWith("io.fabric8.kubernetes.api.model");
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    private static List<HasMetadata> all() {
        return byFile.values().stream().flatMap(List::stream).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all().stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            fail("expected one " + type.getSimpleName() + " in k8s/, found " + found.size());
        }
        return found.get(0);
    }

    private static PodSpec podSpec() {
        return one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> labelsOfPods() {
        return one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static Container container() {
        return podSpec().getContainers().get(0);
    }

    private static List<EnvVar> env() {
        return container().getEnv() == null ? List.of() : container().getEnv();
    }

    private static ConfigMap configMap() {
        return one(ConfigMap.class);
    }

    private static Set<String> secretKeys() {
        Secret secret = one(Secret.class);
        Set<String> keys = new TreeSet<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    /** The HTTP port: the default of quarkus.http.port in application.properties. */
    private static int servicePort() {
        String value = properties.get("quarkus.http.port");
        Matcher ref = Pattern.compile("^\\$\\{PORT:(\\d+)}$").matcher(value.trim());
        assertThat(ref.matches()).as("quarkus.http.port is ${PORT:<default>}, it says %s", value).isTrue();
        return Integer.parseInt(ref.group(1));
    }

    private static String probePath(Probe probe, String which) {
        assertThat(probe).as("%s probe", which).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s probe is an HTTP GET", which).isNotNull();
        return get.getPath();
    }

    /** A port by number or by the name of one of the container's ports. */
    private static int containerPort(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }
}
