package io.kafkaarchiver.runtime;

import io.kafkaarchiver.config.ArchiveConfiguration;
import io.kafkaarchiver.config.ArchiveSettings;
import io.kafkaarchiver.config.SettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** The archiver added to a user's own camel-main application, beside the user's routes (see the README's "Embed"). */
public final class CamelMainArchive {

    private CamelMainArchive() {
    }

    /**
     * Checks the archiver's settings, opens its working directory, binds its beans into {@code main} and
     * gives its route files their placeholders; Camel stopping closes it. The application still names
     * {@link ArchiveConfiguration#ROUTES} in {@code camel.main.routes-include-pattern}.
     *
     * @param settings the archiver's settings, as {@link io.kafkaarchiver.config.SettingsSource} loads them
     */
    public static ArchiveConfiguration addTo(Main main, Properties settings) throws IOException {
        ArchiveSettings checked = ArchiveSettings.from(settings);
        ArchiveConfiguration configuration = ArchiveConfiguration.open(checked);
        ArchiveConfiguration.placeholders(settings, checked).forEach((key, value) -> {
            // The application's own Camel settings stay its own: the archiver's defaults name its standalone process.
            if (!key.toString().startsWith("camel.")) {
                main.addOverrideProperty(key.toString(), value.toString());
            }
        });
        configuration.bindTo(main::bind);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // In reverse order the uploads would stop before the consumer, whose last partitions' hand-off needs them.
                if (configured.getCamelContext().getShutdownStrategy().isShutdownRoutesInReverseOrder()) {
                    throw new SettingsException("camel.main.shutdown-routes-in-reverse-order",
                            "must be false in an application that runs the archiver's routes");
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                try {
                    configuration.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return configuration;
    }
}
