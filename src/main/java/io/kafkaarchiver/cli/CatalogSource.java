package io.kafkaarchiver.cli;

import picocli.CommandLine.Option;

/** How a command that reads the catalog finds the objects: from the manifest where there is one, or {@code --listing}. */
final class CatalogSource {

    @Option(names = "--listing", description = "List the store and read each object's metadata, even where there is a manifest.")
    boolean listing;

    boolean useManifest() {
        return !listing;
    }
}
