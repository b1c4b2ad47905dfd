package io.kafkaarchiver.restore;

/**
 * A restore cannot go on; the message is one line for the user, naming what is at fault. A bad
 * request (a topic the archive lacks, a target that would feed the archive) is the user's to change;
 * anything else is a failure found on the way (a damaged object, a stale checkpoint, Kafka unreachable).
 */
public final class RestoreException extends RuntimeException {

    private final boolean badRequest;

    private RestoreException(String message, boolean badRequest, Throwable cause) {
        super(message, cause);
        this.badRequest = badRequest;
    }

    public static RestoreException badRequest(String message) {
        return new RestoreException(message, true, null);
    }

    public static RestoreException failed(String message) {
        return new RestoreException(message, false, null);
    }

    public static RestoreException failed(String message, Throwable cause) {
        return new RestoreException(message, false, cause);
    }

    public boolean isBadRequest() {
        return badRequest;
    }
}
