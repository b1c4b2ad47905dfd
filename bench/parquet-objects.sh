#!/usr/bin/env bash
# The same MAK work file, for small records (1,000,000 by default) and realistic 1 KB JSON ones (200,000), made into
# a gzip and a zstd MAK object and converted to Parquet objects (zstd, gzip, snappy pages), beside `gzip -6` alone on
# the MAK bytes: size, wall and CPU seconds of each, the time to read it back, and the issue's two targets (conversion
# at least as fast as gzip -6; size at most 1.1x the gzip MAK object). Prints, asserts nothing. Runs on the runnable
# jar's classes alone (no Hadoop anywhere) plus the benchmark's own class.
# Usage: bench/parquet-objects.sh [small-records] [large-records]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
java -Xmx512m -cp "target/kafka-archiver.jar:target/test-classes" io.kafkaarchiver.bench.ParquetObjectBenchmark "$@"
