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
exec "$(dirname "$0")/run-benchmark.sh" RebalanceBenchmark rebalance "$@"
