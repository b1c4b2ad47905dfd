#!/usr/bin/env bash
# A long S3 outage under a steady load, on a local Kafka broker and S3 server on this machine: one archiver
# (java -Xmx512m -jar <jar> run, as shipped) archives 2 topics x 500 partitions by pattern with
# archive.rotate.max-age=1m (OUTAGE_MAX_AGE) while a producer sends 2,000 records/s to every partition; S3 (through a proxy) is up
# for 30 s, down for N minutes, then up again. Prints whether the consumer kept polling through the outage, the
# times it was thrown out of its group, the files waiting, the seconds until the backlog drained after the
# return, ERROR lines by cause, CPU-seconds and wall time.
# Usage: [ARCHIVER_JAR=path/to.jar] [OUTAGE_DRAIN_LIMIT=600] [OUTAGE_MAX_AGE=1m] bench/outage.sh [minutes, default 7]
# The archiver's log is kept in target/outage-logs/.
exec "$(dirname "$0")/run-benchmark.sh" OutageBenchmark outage "$@"
