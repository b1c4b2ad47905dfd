package io.kafkaarchiver.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing: objects in key order, the folders below the prefix when asked, and where the next page starts. */
public record StorePage(List<StoredObject> objects, List<String> folders, Optional<String> next) {
}
