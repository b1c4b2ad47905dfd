#!/usr/bin/env bash
# MAK v1 and v2 write/read throughput on 1 KB records, in a 64 MB heap (the files are far larger:
# memory must not grow with them). Usage: bench/mak-throughput.sh [records, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx64m -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.kafkaarchiver.bench.MakThroughputBenchmark "$@"
