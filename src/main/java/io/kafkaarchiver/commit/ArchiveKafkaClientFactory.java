package io.kafkaarchiver.commit;

import io.kafkaarchiver.archive.Archiver;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;

/** Gives Camel's Kafka endpoint the archive's consumer, with the user's pass-through consumer properties applied. */
public final class ArchiveKafkaClientFactory extends DefaultKafkaClientFactory {

    private final CommitQueue commits;
    private final Archiver archiver;
    private final TimestampTypes timestampTypes;
    private final Map<String, String> consumerProperties;

    public ArchiveKafkaClientFactory(CommitQueue commits, Archiver archiver, TimestampTypes timestampTypes, Map<String, String> consumerProperties) {
        this.commits = commits;
        this.archiver = archiver;
        this.timestampTypes = timestampTypes;
        this.consumerProperties = consumerProperties;
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.putAll(consumerProperties);
        return new ArchiveConsumer(props, commits, archiver, timestampTypes);
    }
}
