package io.kafkaarchiver.mak;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Big-endian reads from a MAK stream that know where they are, so every failure names the byte.
 * Lengths are checked against what is left before anything is allocated.
 */
final class MakInput implements AutoCloseable {

    private final DataInputStream in;
    private final String source;
    /** The file's size where it is known (an uncompressed file), otherwise Long.MAX_VALUE. */
    private final long knownSize;
    private final byte[] scratch = new byte[8];
    private final ByteBuffer scratchView = ByteBuffer.wrap(scratch);
    private long position;

    MakInput(InputStream in, String source, long knownSize) {
        this.in = new DataInputStream(in);
        this.source = source;
        this.knownSize = knownSize;
    }

    String source() {
        return source;
    }

    long position() {
        return position;
    }

    long knownSize() {
        return knownSize;
    }

    MakFormatException error(long at, String expected, String found) {
        return new MakFormatException(source, at, expected, found);
    }

    /** An end position the file cannot hold: before the records, or past the file's end. */
    MakFormatException endPositionError(long at, String found) {
        return error(at, "an end position between " + position + " and "
                + (knownSize == Long.MAX_VALUE ? "the end of the file" : knownSize + " (the file size)"), found);
    }

    long readLong(String what) throws IOException {
        fill(scratch, Long.BYTES, what);
        return scratchView.getLong(0);
    }

    int readInt(String what) throws IOException {
        fill(scratch, Integer.BYTES, what);
        return scratchView.getInt(0);
    }

    /** Reads {@code length} bytes that must all lie before {@code limit}. */
    byte[] readBytes(long length, long limit, String what) throws IOException {
        if (length < 0 || length > limit - position || length > Integer.MAX_VALUE - 8) {
            throw error(position, what + " within the " + Math.max(0, limit - position) + " bytes left",
                    "a length of " + Long.toUnsignedString(length));
        }
        byte[] bytes = new byte[(int) length];
        readFully(bytes, what);
        return bytes;
    }

    void readFully(byte[] into, String what) throws IOException {
        fill(into, into.length, what);
    }

    private void fill(byte[] into, int length, String what) throws IOException {
        try {
            in.readFully(into, 0, length);
            position += length;
        } catch (EOFException e) {
            throw error(position, length + " bytes of " + what, "the end of the file");
        } catch (MakFormatException e) {
            throw e;
        } catch (IOException e) {
            // A damaged gzip or zstd stream fails here; it is the file's fault, so say where.
            throw error(position, length + " bytes of " + what, "unreadable data (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
