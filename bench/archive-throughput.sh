#!/usr/bin/env bash
# The whole pipeline, Kafka -> MAK -> compress -> S3, on a local broker and S3 server, in a 256 MB heap:
# records/s, MB/s, peak heap and RSS for gzip and zstd, and gzip -6 alone on the same bytes; then a restore
# of the gzip archive into a new topic (records/s, MB/s).
# Usage: bench/archive-throughput.sh [records, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.kafkaarchiver.bench.ArchiveThroughputBenchmark "$@" 2> target/archive-throughput.log
