package io.kafkaarchiver.archive;

/** Where a work file is on its way to S3; each stage is a folder of the working directory. */
public enum Stage {
    /** Being written: the partition's one open file. */
    IN_PROGRESS("in-progress"),
    /** Complete, its object not made yet. */
    ROTATED("rotated"),
    /** The object, compressed, waiting for its upload. */
    UPLOAD("upload"),
    /** An upload that ran out of retries, waiting to be tried again. */
    QUARANTINE("quarantine");

    private final String folder;

    Stage(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
