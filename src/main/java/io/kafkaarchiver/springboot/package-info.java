/**
 * The archiver in a Camel Spring Boot application: its beans and routes in the application's CamelContext,
 * its settings from the application's {@code application.yaml} under the keys of {@code application.properties},
 * its health check in Actuator's health and its meters in the application's Prometheus registry.
 */
package io.kafkaarchiver.springboot;
