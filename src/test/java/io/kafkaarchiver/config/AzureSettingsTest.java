package io.kafkaarchiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaarchiver.store.azure.AzureContainer;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive.store = azure}: the jar's defaults with an account make a store; each bad value is named in one line. */
class AzureSettingsTest {

    @Test
    void theDefaultsWithAnAccountReachThePublicCloudWithTheCredentialChain() {
        AzureContainer azure = azure(Map.of("azure.account", "archivestore")).container();

        assertThat(azure.name()).isEqualTo("kafka-archive");
        assertThat(azure.blockSize()).isEqualTo(16L << 20);
        assertThat(azure.describe()).isEqualTo("container kafka-archive at https://archivestore.blob.core.windows.net");
        assertThat(azure.credentialsSetting()).isEqualTo("azure.account");
        assertThat(azure.credentials()).contains("DefaultAzureCredential");
    }

    @Test
    void aConnectionStringNeedsNoAccountNamesItsAddressAndIsNeverShown() {
        AzureSettings azure = azure(Map.of("azure.connection-string",
                "DefaultEndpointsProtocol=https;AccountName=a1b2c;AccountKey=c2VjcmV0;EndpointSuffix=core.chinacloudapi.cn"));

        assertThat(azure.container().credentialsSetting()).isEqualTo("azure.connection-string");
        assertThat(azure.name()).isEqualTo("container kafka-archive");
        assertThat(azure.describe()).isEqualTo("container kafka-archive at https://a1b2c.blob.core.chinacloudapi.cn");
        assertThat(azure.toString()).doesNotContain("c2VjcmV0").contains("connection-string=(set)");
        assertThat(azure(Map.of("azure.connection-string", "UseDevelopmentStorage=true")).describe())
                .isEqualTo("container kafka-archive at http://127.0.0.1:10000/devstoreaccount1");
        assertThat(azure(Map.of("azure.connection-string", "BlobEndpoint=https://archive.example/;SharedAccessSignature=sv=1")).describe())
                .isEqualTo("container kafka-archive at https://archive.example");
    }

    @Test
    void eachBadSettingIsNamed() {
        assertRefused(Map.of(), "azure.account: must not be empty (or set azure.connection-string)");
        assertRefused(Map.of("azure.account", "My_Account"), "azure.account: 'My_Account' is not a storage account name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.container", "Kafka_Archive"), "azure.container: 'Kafka_Archive' is not a container name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.container", "a--b"), "azure.container: 'a--b' is not a container name");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.endpoint", "127.0.0.1:10000"), "azure.endpoint: '127.0.0.1:10000' is not a URL");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.block-size", "5GB"), "azure.block-size: 5368709120 bytes is not between");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.block-size", "lots"), "azure.block-size: 'lots' is not a size");
        assertRefused(Map.of("azure.account", "a1b2c", "azure.blocksize", "1MB"), "azure.blocksize: unknown setting");
    }

    /** A connection string pasted wrong is told by its setting, before any client is made, and never quoted (it holds the key). */
    @Test
    void aConnectionStringWithoutAnAddressOrASecretIsNamedNeverQuoted() {
        assertRefused(Map.of("azure.connection-string", "c2VjcmV0a2V5"),
                "azure.connection-string: is not Key=value pairs separated by ';', as the portal's Access keys page gives it");
        assertRefused(Map.of("azure.connection-string", "DefaultEndpointsProtocol=https;AccountKey=c2VjcmV0a2V5"),
                "azure.connection-string: names no account (AccountName=) and no blob endpoint (BlobEndpoint=)");
        assertRefused(Map.of("azure.connection-string", "AccountName=archive;EndpointSuffix=core.windows.net"),
                "azure.connection-string: holds no key (AccountKey=) and no SAS (SharedAccessSignature=)");
        assertThatThrownBy(() -> azure(Map.of("azure.connection-string", "AccountName=archive;AccountKey=c2VjcmV0a2V5;junk")))
                .hasMessageNotContaining("c2VjcmV0a2V5");
    }

    @Test
    void withoutTheAzureSdkTheOtherStoresOpenAndChoosingAzureIsOneLine(@TempDir Path root) throws Exception {
        try (URLClassLoader withoutAzure = new WithoutAzure()) {
            Method from = withoutAzure.loadClass(StoredArchive.class.getName()).getMethod("from", Properties.class);
            for (Map<String, String> store : List.of(Map.of("archive.store", "s3"), Map.of("archive.store", "file", "file.root", root.toString()))) {
                Object archive = from.invoke(null, settings(store));
                try (AutoCloseable opened = (AutoCloseable) archive.getClass().getMethod("open").invoke(archive)) {
                    assertThat(opened.getClass().getName()).as("the store of " + store).doesNotContain("azure");
                }
            }

            assertThatThrownBy(() -> from.invoke(null, settings(Map.of("azure.account", "a1b2c"))))
                    .cause().hasMessage("archive.store: azure: the Azure SDK is not in this runtime (the Karaf bundle has the stores s3"
                            + " and file; run the jar or the container image for Azure)");
        }
    }

    /** The test's class path without the Azure SDK, as the Karaf bundle sees it: the archiver's classes loaded anew from it. */
    private static final class WithoutAzure extends URLClassLoader {

        WithoutAzure() throws Exception {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] classPath() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.azure.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void anotherStoreLeavesTheAzureSettingsUnread() {
        Properties s3 = settings(Map.of("archive.store", "s3", "azure.container", "Not_Checked"));

        assertThat(StoredArchive.from(s3).store()).isInstanceOf(S3Settings.class);
    }

    private static AzureSettings azure(Map<String, String> overrides) {
        return (AzureSettings) StoredArchive.from(settings(overrides)).store();
    }

    private static void assertRefused(Map<String, String> overrides, String message) {
        assertThatThrownBy(() -> azure(overrides))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(message);
    }

    private static Properties settings(Map<String, String> overrides) {
        Map<String, String> chosen = new HashMap<>(Map.of("archive.store", "azure"));
        chosen.putAll(overrides);
        Properties p = SettingsSource.defaults();
        p.putAll(chosen);
        return p;
    }
}
