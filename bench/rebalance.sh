#!/usr/bin/env bash
# What a rebalance costs archivers holding many open files, on a local Kafka broker and S3 server on this
# machine: member A (java -Xmx512m -jar <jar> run, as shipped) holds 10 topics x 500 partitions, a file open in
# each; member B joins the same group, then leaves (SIGTERM). For the join and the leave: seconds until the
# members consume again, objects put in S3, members thrown out of the group, ERROR lines, CPU-seconds.
#   direct   S3 answers directly
#   slow     S3 answers each request after 50 ms (a delaying proxy in front of it)
# Usage: [ARCHIVER_JAR=path/to.jar] [REBALANCE_PHASE_LIMIT=240] bench/rebalance.sh [direct|slow ...]   (both by default)
# ARCHIVER_JAR (default target/kafka-archiver.jar) measures another build with the same harness. The members' logs
# are kept in target/rebalance-logs/.
set -euo pipefail
# A jar named relative to where the command runs.
if [[ -n "${ARCHIVER_JAR:-}" ]]; then
  ARCHIVER_JAR="$(cd "$(dirname "$ARCHIVER_JAR")" && pwd)/$(basename "$ARCHIVER_JAR")"
  export ARCHIVER_JAR
fi
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx512m -Dlog4j.configurationFile=src/main/resources/log4j2.xml -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.kafkaarchiver.bench.RebalanceBenchmark "$@" 2> target/rebalance.log
