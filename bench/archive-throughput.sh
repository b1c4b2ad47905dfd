#!/usr/bin/env bash
# The archiver as users run it (java -Xmx256m -jar target/kafka-archiver.jar run), on a local Kafka broker and
# S3 server on this machine, against gzip -6 and zstd -3 alone on the same bytes, in the same run:
#   defaults   200,000 records of 1 KB, every setting at its default but archive.rotate.max-age=5s
#   sustained  800,000 records, archive.rotate.max-bytes=32MB, max-age=2s (wall clock and CPU-seconds)
#   latency    single records to an idle archiver: from the send to the object in S3
#   scale      10 topics x 1,000 partitions by pattern, 200,000 records, in a 256 MB heap
#   stores     200,000 records archived into S3 (S3Proxy), Azure Blob Storage (Azurite) and a directory (archive.store = file), same run
# Usage: bench/archive-throughput.sh [defaults|sustained|latency|scale|stores ...]   (all by default)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx512m -Dlog4j.configurationFile=src/main/resources/log4j2.xml -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.kafkaarchiver.bench.ArchiveThroughputBenchmark "$@" 2> target/archive-throughput.log
