package io.kafkaarchiver.karaf;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Jar;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Manifest;

/**
 * The jar Karaf installs for a feature's bundle URL: {@code mvn:} artifacts from the given local
 * repositories or else Maven Central (as Karaf's pax-url fetches them), and {@code wrap:} ones given an
 * OSGi manifest by pax-url-wrap's rules (its defaults: everything exported, everything imported optionally).
 */
final class KarafBundleFiles {

    private static final URI CENTRAL = URI.create("https://repo1.maven.org/maven2/");

    private final List<Path> repositories;
    private final Path downloads;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param downloads where artifacts found in none of {@code repositories} are downloaded to */
    KarafBundleFiles(List<Path> repositories, Path downloads) {
        this.repositories = repositories;
        this.downloads = downloads;
    }

    /** The bundle for {@code url}; empty when Maven Central does not serve its artifact. */
    Optional<Path> bundle(String url) throws IOException, InterruptedException {
        if (!url.startsWith("wrap:")) {
            return artifact(url);
        }
        int instructions = url.indexOf('$');
        String wrapped = instructions < 0 ? url.substring("wrap:".length()) : url.substring("wrap:".length(), instructions);
        Optional<Path> jar = artifact(wrapped);
        return jar.isEmpty() ? jar : Optional.of(wrap(jar.get(), instructions < 0 ? Map.of() : parse(url.substring(instructions + 1))));
    }

    /** A {@code mvn:group/artifact/version[/type[/classifier]]} artifact. */
    Optional<Path> artifact(String mvnUrl) throws IOException, InterruptedException {
        String[] c = mvnUrl.substring("mvn:".length()).split("/");
        String type = c.length > 3 ? c[3] : "jar";
        String file = c[1] + "-" + c[2] + (c.length > 4 ? "-" + c[4] : "") + "." + type;
        String path = c[0].replace('.', '/') + "/" + c[1] + "/" + c[2] + "/" + file;
        for (Path repository : repositories) {
            if (Files.isRegularFile(repository.resolve(path))) {
                return Optional.of(repository.resolve(path));
            }
        }
        Path target = downloads.resolve(path);
        // Remembers what Maven Central lacks (most of camel-karaf's Camel bundles, here) until the next clean build.
        Path missing = downloads.resolve(path + ".missing");
        if (Files.isRegularFile(target) || Files.exists(missing)) {
            return Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(CENTRAL.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                Files.createDirectories(missing.getParent());
                Files.createFile(missing);
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException(CENTRAL.resolve(path) + ": HTTP " + response.statusCode());
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), file, ".part");
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return Optional.of(target);
    }

    /**
     * pax-url-wrap's rules: {@code overwrite=keep} (the default) leaves a jar that is a bundle already
     * as it is; {@code merge} starts from its manifest; the instructions win, and the defaults fill the rest.
     */
    Path wrap(Path jar, Map<String, String> instructions) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(instructions);
        String overwrite = headers.getOrDefault("overwrite", "keep");
        headers.remove("overwrite");
        Path wrapped = downloads.resolve("wrapped").resolve(Integer.toHexString((jar + headers.toString()).hashCode()) + "-" + jar.getFileName());
        if (Files.isRegularFile(wrapped)) {
            return wrapped;
        }
        try (Jar content = new Jar(jar.toFile()); Analyzer analyzer = new Analyzer()) {
            Manifest original = content.getManifest();
            boolean isBundle = original != null && (original.getMainAttributes().getValue("Export-Package") != null
                    || original.getMainAttributes().getValue("Import-Package") != null);
            if (overwrite.equals("keep") && isBundle) {
                return jar;
            }
            analyzer.setJar(content);
            headers.forEach(analyzer::setProperty);
            if (overwrite.equals("merge") && original != null) {
                analyzer.mergeManifest(original);
            }
            setIfAbsent(analyzer, "Import-Package", "*;resolution:=optional");
            setIfAbsent(analyzer, "Export-Package", "*");
            setIfAbsent(analyzer, "Bundle-SymbolicName", jar.getFileName().toString().replaceAll("[^a-zA-Z_0-9.-]", "_"));
            content.setManifest(analyzer.calcManifest());
            Files.createDirectories(wrapped.getParent());
            content.write(wrapped.toFile());
        } catch (Exception e) {
            throw new IOException("could not wrap " + jar + ": " + e.getMessage(), e);
        }
        return wrapped;
    }

    private static void setIfAbsent(Analyzer analyzer, String header, String value) {
        String current = analyzer.getProperty(header);
        if (current == null || current.isBlank()) {
            analyzer.setProperty(header, value);
        }
    }

    /** {@code a=b&c=d}, URL-encoded as in features files. */
    private static Map<String, String> parse(String instructions) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String instruction : instructions.split("&")) {
            int eq = instruction.indexOf('=');
            parsed.put(instruction.substring(0, eq), URLDecoder.decode(instruction.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parsed;
    }
}
