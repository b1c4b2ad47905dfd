package io.kafkaarchiver.store;

/** A read of a key that holds no object (deleted between a listing and the read, say). */
public final class NoSuchObjectException extends RuntimeException {

    public NoSuchObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
