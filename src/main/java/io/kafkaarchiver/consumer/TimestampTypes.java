package io.kafkaarchiver.consumer;

import io.kafkaarchiver.mak.MakTimestampType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * The timestamp type of each partition's records, noted as they are polled: Camel passes a record's
 * timestamp on, but not its type. A topic's records share one type (its message.timestamp.type).
 */
public final class TimestampTypes {

    private final Map<TopicPartition, MakTimestampType> types = new ConcurrentHashMap<>();

    void note(TopicPartition tp, TimestampType type) {
        types.put(tp, switch (type) {
            case CREATE_TIME -> MakTimestampType.CREATE_TIME;
            case LOG_APPEND_TIME -> MakTimestampType.LOG_APPEND_TIME;
            case NO_TIMESTAMP_TYPE -> MakTimestampType.NO_TIMESTAMP_TYPE;
        });
    }

    public MakTimestampType of(TopicPartition tp) {
        return types.getOrDefault(tp, MakTimestampType.CREATE_TIME);
    }
}
