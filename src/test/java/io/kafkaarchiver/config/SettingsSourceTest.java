package io.kafkaarchiver.config;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsSourceTest {

    /** An application that embeds the archiver has an application.properties of its own, first on its classpath. */
    @Test
    void theDefaultsAreTheArchiversOwnEvenBehindAnApplicationsFileOfTheSameName(@TempDir Path application) throws Exception {
        Files.writeString(application.resolve(SettingsSource.FILE_NAME), "camel.main.name = orders-app\n");
        URL archiver = SettingsSource.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader classpath = new URLClassLoader(new URL[] {application.toUri().toURL(), archiver}, ClassLoader.getPlatformClassLoader())) {
            Properties defaults = (Properties) classpath.loadClass(SettingsSource.class.getName()).getMethod("defaults").invoke(null);
            assertThat(defaults.getProperty("camel.main.name")).isEqualTo("kafka-archiver");
            assertThat(defaults.getProperty("s3.bucket")).isEqualTo("kafka-archive");
        }
    }
}
