package io.kafkaarchiver.restore;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/** An archived record as it is written back to Kafka, and how to recognise it there. */
final class RestoredRecord {

    private RestoredRecord() {
    }

    /**
     * The record for the target partition: key, value (null stays null, empty stays empty), headers in
     * order with repeated keys and null values, and the original timestamp. A record without one (MAK v1)
     * gets the time it is written.
     */
    static ProducerRecord<byte[], byte[]> of(String topic, int partition, MakRecord r) {
        List<Header> headers = new ArrayList<>(r.headers().size());
        for (RecordHeader h : r.headers()) {
            headers.add(new org.apache.kafka.common.header.internals.RecordHeader(h.key(), h.value()));
        }
        return new ProducerRecord<>(topic, partition, r.hasTimestamp() ? r.timestamp() : null, r.key(), r.value(), headers);
    }

    /**
     * True when {@code landed} is what writing {@code archived} produced: same key, value and headers,
     * and the same timestamp where the archive has one and the target topic keeps the writer's.
     */
    static boolean matches(MakRecord archived, ConsumerRecord<byte[], byte[]> landed) {
        if (!Arrays.equals(archived.key(), landed.key()) || !Arrays.equals(archived.value(), landed.value())) {
            return false;
        }
        if (archived.hasTimestamp() && landed.timestampType() == TimestampType.CREATE_TIME && archived.timestamp() != landed.timestamp()) {
            return false;
        }
        Header[] headers = landed.headers().toArray();
        if (headers.length != archived.headers().size()) {
            return false;
        }
        for (int i = 0; i < headers.length; i++) {
            RecordHeader h = archived.headers().get(i);
            if (!h.key().equals(headers[i].key()) || !Arrays.equals(h.value(), headers[i].value())) {
                return false;
            }
        }
        return true;
    }
}
