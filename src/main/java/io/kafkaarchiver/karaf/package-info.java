/**
 * The archiver as an OSGi bundle in Apache Karaf with camel-karaf: its own CamelContext, the same YAML
 * routes and beans as the standalone jar, and its settings from Configuration Admin ({@code etc/io.kafkaarchiver.cfg}).
 */
package io.kafkaarchiver.karaf;
