#!/usr/bin/env bash
# Replay throughput: records/s from a local S3 server into mock: through the kafka-archive: component, twice (the
# first run warms the JIT). Usage: bench/replay-throughput.sh [records, default 1000000]
exec "$(dirname "$0")/run-benchmark.sh" ReplayThroughputBenchmark replay-throughput "$@"
