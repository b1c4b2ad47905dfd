package io.kafkaarchiver.replay;

import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.RecordHeader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An archived record as the message camel-kafka's consumer makes of a Kafka record, so a route written for
 * {@code from: kafka:...} runs unchanged on the archive: the same {@code kafka.*} headers, the record's headers
 * as message headers (byte[], the last of a repeated key, filtered as camel-kafka filters them, which drops null
 * values; all of them in {@code kafka.HEADERS}), and the value as the body, null kept null.
 */
final class KafkaMessages {

    private final HeaderFilterStrategy filter = new KafkaHeaderFilterStrategy();

    void fill(Exchange exchange, String topic, int partition, MakRecord r) {
        Message m = exchange.getIn();
        m.setHeader(KafkaConstants.PARTITION, partition);
        m.setHeader(KafkaConstants.TOPIC, topic);
        m.setHeader(KafkaConstants.OFFSET, r.offset());
        RecordHeaders headers = new RecordHeaders();
        for (RecordHeader h : r.headers()) {
            headers.add(h.key(), h.value());
        }
        m.setHeader(KafkaConstants.HEADERS, headers);
        m.setHeader(KafkaConstants.TIMESTAMP, r.timestamp());
        m.setHeader(Exchange.MESSAGE_TIMESTAMP, r.timestamp());
        if (r.key() != null) {
            m.setHeader(KafkaConstants.KEY, r.key());
        }
        for (RecordHeader h : r.headers()) {
            if (!filter.applyFilterToExternalHeaders(h.key(), h.value(), exchange)) {
                m.setHeader(h.key(), h.value());
            }
        }
        m.setBody(r.value());
    }
}
