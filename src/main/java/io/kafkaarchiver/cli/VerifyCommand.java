package io.kafkaarchiver.cli;

import io.kafkaarchiver.config.KafkaConnection;
import io.kafkaarchiver.verify.CheckProgress;
import io.kafkaarchiver.verify.KafkaLog;
import io.kafkaarchiver.verify.ObjectCheck;
import io.kafkaarchiver.verify.Verification;
import io.kafkaarchiver.verify.Verifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verify}: proves, per topic-partition, that the archive holds every offset it should, readable. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove, per topic-partition, that the archive covers the offsets it should.",
                "Checks gaps between objects, overlaps, and every object downloaded and read to its end (checksums, and its",
                "records against its metadata).",
                "Where Kafka answers, a hole is a gap only if Kafka has records there (compaction and transactions skip",
                "offsets), and Kafka's log start, end and the archive's lag are shown.",
                "Exits 1 if anything is wrong (a gap, a damaged or missing object, an unreadable catalog entry);",
                "overlaps and lag alone are not wrong."})
public final class VerifyCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    ArchiveLocation location;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Verify this topic (repeat for more; default: every topic in the archive).")
    List<String> topics = List.of();

    @Option(names = "--json", description = "One JSON document, for monitoring: \"ok\", and per partition the figures, gaps, overlaps and damaged objects.")
    boolean json;

    @Mixin
    CatalogSource catalogSource;

    @Option(names = "--no-kafka", description = "Do not ask Kafka: holes between objects are reported as gaps, not checked against Kafka.")
    boolean noKafka;

    public VerifyCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        return ArchiveAccess.read(console, "verify", location, (archive, store) -> {
            Optional<KafkaConnection> kafka = noKafka ? Optional.empty() : Optional.of(location.kafka());
            CheckProgress progress = new CheckProgress();
            Verification verification;
            try (KafkaLog log = kafka.map(KafkaLog::new).orElse(null);
                 ProgressLines lines = ProgressLines.start(console.err(), progress)) {
                Verifier verifier = new Verifier(location.catalog(archive, store), new ObjectCheck(store));
                verification = verifier.verify(topics, catalogSource.useManifest(), Optional.ofNullable(log), progress);
            }
            String kafkaNote = noKafka ? "not compared with Kafka (--no-kafka)" : verification.withoutKafka()
                    .map(reason -> "not compared with Kafka: " + reason)
                    .orElse("compared with Kafka at " + kafka.map(KafkaConnection::brokers).orElseThrow());
            if (json) {
                console.out().println(VerificationJson.of(archive.store().name(), kafkaNote, verification));
            } else {
                new VerificationText(console.out()).print(archive.store().name(), kafkaNote, verification);
            }
            console.out().flush();
            return verification.ok() ? Console.EXIT_OK : Console.EXIT_FAILURE;
        });
    }
}
