package io.kafkaarchiver.archive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

/** The archiver's readiness as a probe sees it on its management server: the status code and what it says. */
record ScrapedHealth(int status, String body) {

    static ScrapedHealth of(Properties settings) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + settings.getProperty("camel.management.port") + "/observe/health/ready?data=true");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new ScrapedHealth(response.statusCode(), response.body());
    }

    boolean isUp() {
        return status == 200;
    }
}
