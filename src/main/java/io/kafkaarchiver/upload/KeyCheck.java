package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.ArchivedObject;
import io.kafkaarchiver.catalog.ObjectIdentity;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.StoredObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store what a key holds (a HEAD) and judges it by its whole {@link ObjectIdentity} against the object to
 * put there: the one place a put's {@link PutCondition} is decided, before the put and after a put that lost a race.
 */
final class KeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KeyCheck.class);

    private final ArchiveStore store;

    KeyCheck(ArchiveStore store) {
        this.store = store;
    }

    /**
     * What a put of {@code object} under {@code key} asks the store for.
     *
     * @throws IllegalStateException when the key holds an object the file never replaces: of another life of the
     *                               topic, of none while the file has one, or with offsets the file lacks
     */
    PutCondition decide(String key, ObjectIdentity object) {
        Optional<StoredObject> head = store.head(key);
        if (head.isEmpty()) {
            return new PutCondition.CreateOnly();
        }
        Optional<ObjectIdentity> held = ObjectIdentity.fromMetadata(key, head.get().metadata());
        if (held.isEmpty()) {
            // Not an archive object (no mak-* metadata): replaced, as it always was, but only that very object.
            return new PutCondition.Replaces(head.get().versionTag());
        }
        return switch (object.standingOf(held.get())) {
            case SAME, HOLDS_AS_MANY_OR_MORE -> {
                LOG.info("{} in {} already holds {}: not uploading {} again", key, store.describe(), held.get(), object);
                yield new PutCondition.AlreadyArchived(ArchivedObject.fromMetadata(key, head.get().size(), head.get().metadata()).orElseThrow());
            }
            case HOLDS_FEWER -> new PutCondition.Replaces(head.get().versionTag());
            case NOT_REPLACEABLE -> throw new IllegalStateException(key + " in " + store.describe() + " holds " + held.get()
                    + ", which the file of " + object + " never replaces: another life of the topic, or offsets the file lacks");
        };
    }
}
