package io.kafkaarchiver.testkit;

import io.kafkaarchiver.store.ArchiveStore;
import java.util.Map;

/**
 * Where a test's archive goes instead of its bucket when the tests run on another store ({@code -Dit.store=file} or
 * {@code azure}, the Maven profile {@code stores}): the store, its name as the commands print it, and the settings
 * that choose it.
 */
public record StoreUnderTest(ArchiveStore store, String name, Map<String, String> settings) {
}
