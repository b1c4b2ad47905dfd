package io.kafkaarchiver.archive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

/** The archiver's metrics as Prometheus scrapes them from its management server. */
record ScrapedMetrics(String text) {

    static ScrapedMetrics of(Properties settings) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + settings.getProperty("camel.management.port") + "/observe/metrics");
        // HTTP/1.1 as Prometheus speaks it: Java's default h2c upgrade goes unanswered by the management server.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return new ScrapedMetrics(response.body());
    }

    /** The value of a sample, by its name with labels as Prometheus prints them, e.g. {@code x_total} or {@code x{stage="upload"}}. */
    double value(String sample) {
        return find(sample).orElseThrow(() -> new AssertionError("no sample " + sample + " in:\n" + text));
    }

    /** The value of a sample, if the scrape has it. */
    java.util.OptionalDouble find(String sample) {
        return text.lines().filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
                .findFirst();
    }

    /** A partition's sample: {@code name{partition="p",topic="t"}}. */
    java.util.OptionalDouble find(String name, org.apache.kafka.common.TopicPartition tp) {
        return find(name + "{partition=\"" + tp.partition() + "\",topic=\"" + tp.topic() + "\"}");
    }
}
