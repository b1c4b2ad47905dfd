package io.kafkaarchiver.karaf;

import aQute.bnd.version.MavenVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Karaf features repositories, read as Karaf's feature service reads them: a feature's bundles and,
 * through its feature dependencies (the highest version in range), the bundles they bring.
 */
final class KarafFeatures {

    /** A bundle a feature lists; {@code dependency} ones are installed only when something needs them. */
    record FeatureBundle(String url, boolean dependency) {
    }

    private record Feature(String name, Version version, Element element) {
    }

    private final List<Feature> features = new ArrayList<>();

    static KarafFeatures read(List<Path> repositories) throws IOException {
        KarafFeatures all = new KarafFeatures();
        for (Path repository : repositories) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Element root = factory.newDocumentBuilder().parse(repository.toFile()).getDocumentElement();
                for (Element feature : children(root, "feature")) {
                    all.features.add(new Feature(feature.getAttribute("name"), version(feature.getAttribute("version")), feature));
                }
            } catch (ParserConfigurationException | SAXException e) {
                throw new IOException(repository + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * Every bundle {@code name} installs, its feature dependencies' included (conditional ones left out), each
     * once: a bundle one feature lists as a dependency and another plainly is installed.
     */
    List<FeatureBundle> bundlesOf(String name) {
        Map<String, Boolean> dependencyOnly = new LinkedHashMap<>();
        collect(feature(name, ""), dependencyOnly, new LinkedHashSet<>());
        return dependencyOnly.entrySet().stream().map(e -> new FeatureBundle(e.getKey(), e.getValue())).toList();
    }

    private void collect(Feature feature, Map<String, Boolean> dependencyOnly, Set<Feature> seen) {
        if (!seen.add(feature)) {
            return;
        }
        for (Element dependency : children(feature.element(), "feature")) {
            collect(feature(dependency.getTextContent().trim(), dependency.getAttribute("version")), dependencyOnly, seen);
        }
        for (Element bundle : children(feature.element(), "bundle")) {
            dependencyOnly.merge(bundle.getTextContent().trim(), Boolean.parseBoolean(bundle.getAttribute("dependency")), Boolean::logicalAnd);
        }
    }

    /** As Karaf: the highest version in {@code range}; a single version is that version only; none, any. */
    private Feature feature(String name, String range) {
        VersionRange accepted = range.isEmpty() ? new VersionRange("0")
                : range.startsWith("[") || range.startsWith("(") ? new VersionRange(range)
                : new VersionRange(VersionRange.LEFT_CLOSED, version(range), version(range), VersionRange.RIGHT_CLOSED);
        return features.stream().filter(f -> f.name().equals(name) && accepted.includes(f.version()))
                .max(Comparator.comparing(Feature::version))
                .orElseThrow(() -> new IllegalStateException("no feature " + name + " in " + (range.isEmpty() ? "any version" : range)));
    }

    /** Cleaned up to an OSGi version as Karaf does (1.2.3-SNAPSHOT is 1.2.3.SNAPSHOT). */
    static Version version(String text) {
        return Version.parseVersion(text.isEmpty() ? "0" : MavenVersion.cleanupVersion(text));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
