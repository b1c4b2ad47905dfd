#!/usr/bin/env bash
# One work file of small records (1,000,000 by default) made into a gzip and a zstd MAK object and into Parquet
# objects (zstd, gzip, snappy pages): size and time of each, and the time to read it back. Runs on the runnable
# jar's classes alone (no Hadoop anywhere) plus the benchmark's own class. Usage: bench/parquet-objects.sh [records]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
java -Xmx512m -cp "target/kafka-archiver.jar:target/test-classes" io.kafkaarchiver.bench.ParquetObjectBenchmark "$@"
