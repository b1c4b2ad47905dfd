#!/usr/bin/env bash
# What bench/rebalance.sh and bench/outage.sh share: builds the jar and the test classes, then runs benchmark class
# $1 (in io.kafkaarchiver.bench) with the remaining arguments, its stderr in target/$2.log. ARCHIVER_JAR is made
# absolute, as it is named relative to where the command runs.
# Usage: bench/run-benchmark.sh <class> <log name> [arguments ...]
set -euo pipefail
if [[ -n "${ARCHIVER_JAR:-}" ]]; then
  ARCHIVER_JAR="$(cd "$(dirname "$ARCHIVER_JAR")" && pwd)/$(basename "$ARCHIVER_JAR")"
  export ARCHIVER_JAR
fi
cd "$(dirname "$0")/.."
class="$1" log="$2"
shift 2
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx512m -Dlog4j.configurationFile=src/main/resources/log4j2.xml -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  "io.kafkaarchiver.bench.$class" "$@" 2> "target/$log.log"
