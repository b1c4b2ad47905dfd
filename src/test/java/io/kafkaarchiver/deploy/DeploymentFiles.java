package io.kafkaarchiver.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment files as Kubernetes and Docker read them: the manifests of {@code deploy/kubernetes/}
 * by kind and name, the container the StatefulSet runs with the environment it gets, and the Dockerfile's
 * last stage.
 */
record DeploymentFiles(List<Map<String, Object>> manifests, Dockerfile dockerfile) {

    static final Path KUBERNETES = Path.of("deploy", "kubernetes");

    static DeploymentFiles read() throws IOException {
        List<Map<String, Object>> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))
                        .forEach(document -> manifests.add(map(document)));
            }
        }
        return new DeploymentFiles(manifests, Dockerfile.read(Path.of("Dockerfile")));
    }

    Map<String, Object> manifest(String kind, String name) {
        return manifests.stream()
                .filter(m -> kind.equals(m.get("kind")) && name.equals(map(m.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + KUBERNETES));
    }

    Map<String, Object> statefulSet() {
        List<Map<String, Object>> sets = manifests.stream().filter(m -> "StatefulSet".equals(m.get("kind"))).toList();
        if (sets.size() != 1) {
            throw new AssertionError("expected one StatefulSet in " + KUBERNETES + ", found " + sets.size());
        }
        return sets.get(0);
    }

    /** The pod template's spec. */
    Map<String, Object> podSpec() {
        return at(statefulSet(), "spec", "template", "spec");
    }

    Map<String, Object> container() {
        return map(list(podSpec().get("containers")).get(0));
    }

    /** What the container finds in its environment: its envFrom ConfigMaps and Secrets, then its own env entries. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object source : list(container().getOrDefault("envFrom", List.of()))) {
            Map<String, Object> from = map(source);
            if (from.containsKey("configMapRef")) {
                strings(manifest("ConfigMap", name(from.get("configMapRef"))).get("data")).forEach(environment::put);
            } else {
                strings(manifest("Secret", name(from.get("secretRef"))).get("stringData")).forEach(environment::put);
            }
        }
        for (Object entry : list(container().getOrDefault("env", List.of()))) {
            Map<String, Object> variable = map(entry);
            environment.put((String) variable.get("name"), variable.containsKey("valueFrom") ? fieldOf(variable) : String.valueOf(variable.get("value")));
        }
        return environment;
    }

    /** A variable from the pod's own fields, as Kubernetes gives it to the StatefulSet's first pod. */
    private String fieldOf(Map<String, Object> variable) {
        String field = (String) at(variable, "valueFrom", "fieldRef").get("fieldPath");
        if (!field.equals("metadata.name")) {
            throw new IllegalStateException(variable.get("name") + " comes from " + field + ", which these tests do not know");
        }
        return name(statefulSet().get("metadata")) + "-0";
    }

    static String name(Object reference) {
        return (String) map(reference).get("name");
    }

    static Map<String, Object> at(Map<String, Object> node, String... path) {
        Map<String, Object> here = node;
        for (String key : path) {
            here = map(here.get(key));
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List)) {
            throw new AssertionError("expected a list, found " + node);
        }
        return (List<Object>) node;
    }

    /** A mapping's values as Kubernetes reads them into environment variables and annotations: strings. */
    static Map<String, String> strings(Object node) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(node).forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }

    /** The instructions of a Dockerfile's last stage (the image that runs), continuation lines joined. */
    record Dockerfile(List<String[]> instructions) {

        static Dockerfile read(Path file) throws IOException {
            String joined = Files.readString(file).replaceAll("\\\\\\r?\\n", " ");
            List<String[]> stage = new ArrayList<>();
            for (String line : joined.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                String[] instruction = line.split("\\s+", 2);
                if (instruction[0].equalsIgnoreCase("FROM")) {
                    stage.clear();
                }
                stage.add(instruction);
            }
            return new Dockerfile(stage);
        }

        /** The arguments of each {@code instruction} (e.g. EXPOSE) in the last stage, as written. */
        List<String> all(String instruction) {
            return instructions.stream().filter(i -> i[0].equalsIgnoreCase(instruction)).map(i -> i.length > 1 ? i[1] : "").toList();
        }

        /** The value an {@code ENV name=value} of the last stage sets. */
        String env(String name) {
            return all("ENV").stream().filter(e -> e.startsWith(name + "=")).map(e -> e.substring(name.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("the Dockerfile sets no " + name));
        }
    }
}
