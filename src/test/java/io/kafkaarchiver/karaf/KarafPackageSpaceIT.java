package io.kafkaarchiver.karaf;

import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.repository.SimpleIndexer;
import biz.aQute.resolve.Bndrun;
import io.kafkaarchiver.karaf.KarafFeatures.FeatureBundle;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundle's manifest resolved strictly, by bnd's resolver (Felix's, as in Karaf), against the package
 * space of camel-karaf: the bundles that {@code feature:install kafka-archiver} brings in a Karaf with
 * camel-karaf's features repository, with Karaf's own startup bundles and system packages. camel-karaf's Camel
 * bundles are not in our Maven mirror: each stands in as the plain Camel jar, exporting its packages at
 * camel-karaf's version. KarafIT's wrapped runtime forgives an import camel-karaf cannot satisfy; this does not.
 */
class KarafPackageSpaceIT {

    private static final String CAMEL_VERSION = System.getProperty("camel.version");
    private static final Path FEATURES = Path.of("target", "features", "features.xml");
    private static final Path BUNDLE = Path.of("target", "kafka-archiver-bundle.jar");
    private static final String OURS = "mvn:io.kafkaarchiver/kafka-archiver/";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^${}]+)}");

    @TempDir
    static Path dir;

    private static Path karaf;
    /** The index of every bundle but ours. */
    private static Path packageSpace;
    private static Set<String> installed;

    @BeforeAll
    static void packageSpace() throws Exception {
        karaf = dir.resolve("karaf");
        Files.createDirectories(karaf);
        new ProcessBuilder("tar", "xzf", KarafContainer.DISTRIBUTION.toAbsolutePath().toString(), "-C", karaf.toString(),
                "--strip-components=1", "--wildcards", "*/system/*", "*/etc/*").inheritIO().start().waitFor();
        KarafBundleFiles files = new KarafBundleFiles(List.of(karaf.resolve("system"), Path.of(System.getProperty("user.home"), ".m2", "repository")),
                Path.of("target", "karaf", "downloads").toAbsolutePath());
        List<Path> repositories = new ArrayList<>(List.of(FEATURES, Path.of(System.getProperty("camel-karaf.features"))));
        try (Stream<Path> karafFeatures = Files.list(karaf.resolve("system/org/apache/karaf/features"))) {
            for (Path repository : karafFeatures.toList()) {
                try (Stream<Path> xml = Files.walk(repository)) {
                    xml.filter(f -> f.toString().endsWith("-features.xml")).forEach(repositories::add);
                }
            }
        }
        List<FeatureBundle> listed = KarafFeatures.read(repositories).bundlesOf("kafka-archiver").stream()
                .filter(b -> !b.url().startsWith(OURS)).toList();
        List<Path> bundles = new ArrayList<>();
        installed = new LinkedHashSet<>();
        // Fetched and wrapped a few at once: most of the time goes to Maven Central's answers.
        ExecutorService fetchers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Path>>> fetched = new ArrayList<>();
            for (FeatureBundle b : listed) {
                fetched.add(fetchers.submit(() -> files.bundle(b.url()).or(() -> camelKarafStandIn(files, b.url()))));
            }
            for (int i = 0; i < listed.size(); i++) {
                Optional<Path> found = fetched.get(i).get();
                if (found.isEmpty()) {
                    // camel-karaf's own components (camel-directvm, camel-vm) have no plain Camel jar: the
                    // archiver's routes use neither.
                    System.out.println("KarafPackageSpaceIT: left out, neither camel-karaf's bundle nor a plain Camel jar: " + listed.get(i).url());
                    continue;
                }
                bundles.add(found.get());
                if (!listed.get(i).dependency()) {
                    installed.add(symbolicName(found.get()));
                }
            }
        } finally {
            fetchers.shutdownNow();
        }
        for (String startup : properties(karaf.resolve("etc/startup.properties")).stringPropertyNames()) {
            Path file = files.artifact(startup).orElseThrow();
            bundles.add(file);
            installed.add(symbolicName(file));
        }
        bundles.add(karaf.resolve("system/org/apache/felix/org.apache.felix.framework/7.0.5/org.apache.felix.framework-7.0.5.jar"));
        packageSpace = index("camel-karaf", bundles);
    }

    @Test
    void theBundleResolvesInCamelKarafsPackageSpace() throws Exception {
        assertThat(resolve("kafka-archiver", BUNDLE)).contains("io.kafkaarchiver;version=");
    }

    @Test
    void anImportNobodyExportsFailsTheResolve() throws Exception {
        Path bad = dir.resolve("kafka-archiver-bad-import.jar");
        try (Jar jar = new Jar(BUNDLE.toFile())) {
            Manifest manifest = jar.getManifest();
            String imports = manifest.getMainAttributes().getValue("Import-Package");
            manifest.getMainAttributes().putValue("Import-Package", imports + ",org.example.exported.by.nobody");
            jar.setManifest(manifest);
            jar.write(bad.toFile());
        }
        assertThatThrownBy(() -> resolve("bad-import", bad)).hasMessageContaining("org.example.exported.by.nobody");
    }

    /**
     * Resolves {@code bundle} with every bundle the features install (as Karaf does: every non-dependency
     * bundle must resolve) against the index; @return the bundles the resolution chose
     */
    private static String resolve(String name, Path bundle) throws Exception {
        Set<String> required = new LinkedHashSet<>(installed);
        required.add(symbolicName(bundle));
        Path bndrun = dir.resolve(name + ".bndrun");
        Files.writeString(bndrun, String.join("\n",
                "-standalone: " + packageSpace.toUri() + "," + index(name, List.of(bundle)).toUri(),
                "-runfw: org.apache.felix.framework",
                "-runee: JavaSE-17",
                "-runsystempackages: " + systemPackages(),
                "-runrequires: " + required.stream().map(bsn -> "bnd.identity;id='" + bsn + "'").collect(Collectors.joining(",")),
                ""));
        try (Bndrun run = Bndrun.createBndrun(null, bndrun.toFile())) {
            String bundles = run.resolve(false, false);
            if (!run.isOk()) {
                throw new AssertionError(name + " does not resolve:\n" + String.join("\n", run.getErrors()));
            }
            return bundles;
        }
    }

    private static Path index(String name, List<Path> bundles) throws IOException {
        Path index = dir.resolve(name + "-index.xml");
        new SimpleIndexer().files(bundles.stream().map(p -> p.toAbsolutePath().toFile()).toList()).base(dir.toUri()).name(name)
                .index(index.toFile());
        return index;
    }

    /** What Karaf's system bundle exports on this Java: etc/config.properties with etc/jre.properties, expanded. */
    private static String systemPackages() throws IOException {
        Properties config = properties(karaf.resolve("etc/config.properties"));
        config.putAll(properties(karaf.resolve("etc/jre.properties")));
        config.setProperty("java.specification.version", System.getProperty("java.specification.version"));
        return expand(config.getProperty("org.osgi.framework.system.packages"), config) + ","
                + expand(config.getProperty("org.osgi.framework.system.packages.extra"), config);
    }

    /** Replaces {@code ${name}} with its property, innermost first ({@code ${jre-${java.specification.version}}}). */
    private static String expand(String value, Properties properties) {
        Matcher variable = VARIABLE.matcher(value);
        while (variable.find()) {
            value = value.substring(0, variable.start()) + properties.getProperty(variable.group(1), "") + value.substring(variable.end());
            variable = VARIABLE.matcher(value);
        }
        return value;
    }

    /** A camel-karaf Camel bundle our mirror lacks: the plain Camel jar, its packages exported at camel-karaf's version. */
    private static Optional<Path> camelKarafStandIn(KarafBundleFiles files, String url) {
        String[] c = url.substring("mvn:".length()).split("/");
        if (!c[0].equals("org.apache.camel.karaf")) {
            return Optional.empty();
        }
        try {
            Optional<Path> plain = files.artifact("mvn:org.apache.camel/" + c[1] + "/" + CAMEL_VERSION);
            return plain.isEmpty() ? plain : Optional.of(files.wrap(plain.get(), java.util.Map.of(
                    "Bundle-SymbolicName", c[1], "Bundle-Version", c[2],
                    "Export-Package", "*;version=" + c[2], "Import-Package", "*;resolution:=optional")));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    private static String symbolicName(Path bundle) throws IOException {
        try (JarFile jar = new JarFile(bundle.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
