package io.kafkaarchiver.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link FileStore} keeps beside an object: its version tag (new with every put, for
 * {@link io.kafkaarchiver.store.Precondition.Replaces}), its content type when it was given, and its user metadata.
 */
record FileMetadata(String versionTag, String contentType, Map<String, String> metadata) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes it to {@code file} and forces it to disk. */
    void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", versionTag);
        if (contentType != null) {
            n.put("content_type", contentType);
        }
        ObjectNode user = n.putObject("metadata");
        new TreeMap<>(metadata).forEach(user::put);
        Files.write(file, JSON.writeValueAsBytes(n));
        FileSync.file(file);
    }

    /** The metadata in {@code file}; empty when there is none. @throws IOException when it is damaged, naming it */
    static Optional<FileMetadata> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            Map<String, String> user = new TreeMap<>();
            n.path("metadata").fields().forEachRemaining(e -> user.put(e.getKey(), e.getValue().asText()));
            JsonNode contentType = n.get("content_type");
            return Optional.of(new FileMetadata(n.get("version").asText(), contentType == null ? null : contentType.asText(), Map.copyOf(user)));
        } catch (IOException | RuntimeException e) {
            throw new IOException("the object metadata " + file + " is damaged: " + e.getMessage(), e);
        }
    }
}
