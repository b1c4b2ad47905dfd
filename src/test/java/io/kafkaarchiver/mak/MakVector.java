package io.kafkaarchiver.mak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** One kafkatos3-written test vector from src/test/resources/mak-v1: the file and what a reader must return. */
record MakVector(String name, Path mak, JsonNode expected) {

    static final Path DIR = directory();

    static MakVector named(String name) {
        try {
            return new MakVector(name, DIR.resolve(name + ".mak"), new ObjectMapper().readTree(DIR.resolve(name + ".json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every vector with records to compare: each NAME.mak beside a NAME.json. */
    static Stream<String> readable() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mak") && !n.startsWith("bad-"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** The damaged files bad.json lists. */
    static List<String> damaged() throws IOException {
        JsonNode files = new ObjectMapper().readTree(DIR.resolve("bad.json").toFile()).get("files");
        return StreamSupport.stream(files.spliterator(), false).map(JsonNode::asText).toList();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path directory() {
        try {
            return Path.of(MakVector.class.getResource("/mak-v1/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
