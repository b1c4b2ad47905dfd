package io.kafkaarchiver.mak;

import java.io.IOException;

/** An archive file is damaged or is not one (a MAK file, or a Parquet object): says which file, at which byte, what was expected and what was found. */
public final class MakFormatException extends IOException {

    private final String source;
    private final long position;
    private final String detail;

    public MakFormatException(String source, long position, String expected, String found) {
        super(source + ": at byte " + position + ": expected " + expected + ", found " + found);
        this.source = source;
        this.position = position;
        this.detail = "at byte " + position + ": expected " + expected + ", found " + found;
    }

    /**
     * Damage found by a reader that cannot name the byte (a Parquet object's, whose pages are compressed and
     * checked a page at a time); {@link #position} is -1.
     */
    public MakFormatException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
        this.position = -1;
        this.detail = detail;
    }

    /** The message without the file's name, for a message that names the file already. */
    public String detail() {
        return detail;
    }

    public String source() {
        return source;
    }

    public long position() {
        return position;
    }
}
