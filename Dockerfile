# kafka-archiver as a container: `docker build -t kafka-archiver:0.1.0 .` then
# `docker run -e ARCHIVE_TOPICS=orders -e KAFKA_BROKERS=... -v archive-work:/var/lib/kafka-archiver kafka-archiver:0.1.0`.
# Settings come from environment variables (a property's name in upper case, dots and dashes as
# underscores); deploy/kubernetes/ runs it as a StatefulSet.

# --- Build: the shaded jar, without the tests or the demo's local servers -------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY application.properties .
COPY routes routes
COPY src/main src/main
RUN mvn -B -q package -Dmaven.test.skip=true -Dmdep.skip=true

# --- Run: a JRE and the jar, as a user that is not root ---------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 archiver \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home archiver \
    && mkdir -p /app /var/lib/kafka-archiver \
    && chown archiver:archiver /var/lib/kafka-archiver
WORKDIR /app
COPY --from=build /src/target/kafka-archiver.jar /app/kafka-archiver.jar
# The working directory holds the files not yet in S3, and what exactly-once resumes from: keep it on a
# volume that outlives the container.
ENV ARCHIVE_WORK_DIR=/var/lib/kafka-archiver
VOLUME /var/lib/kafka-archiver
# Health (/observe/health) and Prometheus metrics (/observe/metrics): camel.management.port.
EXPOSE 9876
USER 10001
# The JVM flags of the README's run line (JvmFlags.RECOMMENDED): C1 only, which spares the ten CPU-seconds
# C2 spends compiling at start; and out of memory, the JVM exits and the container is restarted, rather
# than run on with a dead thread.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/kafka-archiver.jar"]
CMD ["run"]
