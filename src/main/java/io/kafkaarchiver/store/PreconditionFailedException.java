package io.kafkaarchiver.store;

/** A put refused for its {@link Precondition}: another writer's put came first, or the object to replace is gone. */
public final class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
