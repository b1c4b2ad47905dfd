package io.kafkaarchiver.mak;

import java.util.ArrayList;
import java.util.List;

/** Counts what MAK v1 cannot hold of the records written to it, so a conversion can say so. */
public final class V1Losses {

    private long timestamps;
    private long headers;
    private long nullKeys;
    private long nullValues;

    public void note(MakRecord record) {
        if (record.hasTimestamp()) {
            timestamps++;
        }
        if (!record.headers().isEmpty()) {
            headers++;
        }
        if (record.key() == null) {
            nullKeys++;
        }
        if (record.value() == null) {
            nullValues++;
        }
    }

    public boolean any() {
        return timestamps + headers + nullKeys + nullValues > 0;
    }

    /** One phrase per kind of loss, with how many records it touched. */
    public List<String> describe() {
        List<String> lost = new ArrayList<>();
        add(lost, timestamps, "timestamps dropped");
        add(lost, headers, "headers dropped");
        add(lost, nullKeys, "null keys written as empty keys");
        add(lost, nullValues, "null values (tombstones) written as empty values");
        return lost;
    }

    private static void add(List<String> lost, long count, String what) {
        if (count > 0) {
            lost.add(what + " (" + count + (count == 1 ? " record)" : " records)"));
        }
    }
}
