package io.kafkaarchiver.upload;

import io.kafkaarchiver.catalog.Manifest;
import io.kafkaarchiver.catalog.ObjectIdentity;
import io.kafkaarchiver.store.ArchiveStore;
import io.kafkaarchiver.store.Precondition;
import io.kafkaarchiver.store.PreconditionFailedException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an object in the store under its key, with its user metadata, on the condition {@link UploadRequest}
 * decided: create only, or replace only the object seen, so the store lets one writer win a key. A put that
 * loses a race asks the store again what the key holds and judges it ({@link KeyCheck}): already archived by
 * the winner, or to be replaced in turn.
 */
public final class ObjectPut implements Processor, Service {

    /** Header: the version tag of the object this put replaces; absent for a put that creates the object. */
    public static final String REPLACES_VERSION = "ArchiveReplacesVersion";

    private static final Logger LOG = LoggerFactory.getLogger(ObjectPut.class);
    /** Races lost in a row on one key before the put fails (and is retried later, as any failed upload). */
    private static final int RACES = 3;

    private final ArchiveStore store;
    private final String startCheckKey;
    private final KeyCheck keys;

    public ObjectPut(ArchiveStore store, Manifest manifest) {
        this.store = store;
        this.startCheckKey = manifest.accessCheckKey();
        this.keys = new KeyCheck(store);
    }

    /** Asks the store for a key: archive-put starts once the store answers (a refusal is an answer). */
    @Override
    public void start() {
        try {
            store.head(startCheckKey);
        } catch (RuntimeException answered) {
            if (store.refusal(answered).isEmpty()) {
                throw answered;
            }
            LOG.debug("{} answered the start check: {}", store.describe(), answered.getMessage());
        }
    }

    @Override
    public void stop() {
        // The store is the runtime's: it closes it.
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Path file = message.getMandatoryBody(Path.class);
        String key = message.getHeader(UploadRequest.KEY, String.class);
        Map<String, String> metadata = message.getHeader(UploadRequest.METADATA, Map.class);
        ObjectIdentity object = ObjectIdentity.fromMetadata(key, metadata).orElseThrow();
        String replaces = message.getHeader(REPLACES_VERSION, String.class);
        for (int race = 1; ; race++) {
            try {
                store.put(key, file, metadata, replaces == null ? new Precondition.CreateOnly() : new Precondition.Replaces(replaces));
                return;
            } catch (PreconditionFailedException e) {
                if (race == RACES) {
                    throw e;
                }
                LOG.info("{}: another writer's put came first; judging what the key holds now", e.getMessage());
                PutCondition now = keys.decide(key, object);
                if (now instanceof PutCondition.AlreadyArchived already) {
                    message.setHeader(UploadRequest.ALREADY_ARCHIVED, true);
                    exchange.setProperty(UploadRequest.OBJECT, already.held());
                    return;
                }
                replaces = now instanceof PutCondition.Replaces r ? r.versionTag() : null;
            }
        }
    }
}
