package io.kafkaarchiver.convert;

/** An object that could not be converted, or a key that holds another object than its conversion; the message says which. */
public final class ConversionException extends RuntimeException {

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
