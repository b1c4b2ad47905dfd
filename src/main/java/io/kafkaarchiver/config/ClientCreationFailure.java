package io.kafkaarchiver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A Kafka client that could not be made, as the setting it most likely comes from: Kafka's exception says why in
 * its causes, but names no setting.
 */
public final class ClientCreationFailure {

    private static final Pattern WRAPPED_CLASS = Pattern.compile("^([a-z]\\w*\\.)+[A-Z]\\w*: ");
    private static final Pattern CONFIG_NAME = Pattern.compile("for configuration (\\S+?):");
    /** What a JCA lookup that failed names, and the setting that asked for it. */
    private static final Map<String, String> LOOKUPS = Map.of(
            "SSLContext", SslConfigs.SSL_PROTOCOL_CONFIG,
            "KeyManagerFactory", SslConfigs.SSL_KEYMANAGER_ALGORITHM_CONFIG,
            "TrustManagerFactory", SslConfigs.SSL_TRUSTMANAGER_ALGORITHM_CONFIG,
            "SecureRandom", SslConfigs.SSL_SECURE_RANDOM_IMPLEMENTATION_CONFIG);

    private ClientCreationFailure() {
    }

    /**
     * @param security the client's {@code security.*}, {@code ssl.*} and {@code sasl.*} settings
     * @return one line naming the setting; Kafka's reasons hold no password ({@code Password} values print hidden)
     */
    static SettingsException named(KafkaException e, Map<String, String> security) {
        List<Throwable> chain = chain(e);
        String reason = reason(e);
        return new SettingsException(ArchiveSettings.CONSUMER_PREFIX + setting(chain, reason, security),
                "the Kafka client cannot be made with it: " + reason);
    }

    /** Why Kafka's client could not be made, or could not do what it was asked, in a line: what its causes say. */
    public static String reason(KafkaException e) {
        List<Throwable> chain = chain(e);
        // Kafka says "Failed to create new ..." of every layer, and wraps a cause as "its.Class: its message": the
        // reasons below say it all, each once.
        List<String> reasons = new ArrayList<>();
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : WRAPPED_CLASS.matcher(t.getMessage()).replaceFirst("");
            if (!message.isEmpty() && !message.startsWith("Failed to create new ") && !message.startsWith("Failed to construct kafka ")
                    && reasons.stream().noneMatch(r -> r.contains(message))) {
                reasons.add(message);
            }
        }
        return reasons.isEmpty() ? chain.get(chain.size() - 1).getClass().getSimpleName() : String.join(": ", reasons);
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String setting(List<Throwable> chain, String reason, Map<String, String> security) {
        for (Throwable t : chain) {
            Matcher named = CONFIG_NAME.matcher(String.valueOf(t.getMessage()));
            if (t instanceof ConfigException && named.find()) {
                return named.group(1);
            }
        }
        for (String location : List.of(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)) {
            String file = security.get(location);
            if (file != null && !file.isEmpty() && reason.contains(file)) {
                return location;
            }
        }
        // Kerberos' login looks for the broker's service name in the JAAS config, then in this setting.
        if (reason.contains("No serviceName defined")) {
            return SaslConfigs.SASL_KERBEROS_SERVICE_NAME;
        }
        if (chain.stream().anyMatch(t -> t instanceof LoginException) || reason.contains("JAAS")) {
            return SaslConfigs.SASL_JAAS_CONFIG;
        }
        return LOOKUPS.entrySet().stream().filter(lookup -> reason.contains(lookup.getKey() + " not available"))
                .map(Map.Entry::getValue).findFirst().orElse("security.protocol");
    }
}
