#!/usr/bin/env bash
# The coverage benchmark in one command: the simulator with one busy brand tag (20,000 posts an hour by default) on a
# clock six times as fast as real time, one ingestor per Instagram mode (web, legacy, graph) with 20 accounts of 200
# calls an hour, all on the real jars and the test harness's Elasticsearch. After the capture, prints per mode the
# share of the truth's public posts stored, the gaps recorded and the share of the account budget used, and writes
# e2e-tests/target/bench/coverage-benchmark.txt.
#
#   bench/coverage.sh
#   bench/coverage.sh -Donestore.bench.posts-per-hour=50000 -Donestore.bench.accounts=10 -Donestore.bench.intervals=8
#
# These machines are small and shared: a slow machine stretches cycles, so quote shares, not timings.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl e2e-tests -am verify -Dspotless.check.skip=true \
  -Dtest=CoverageBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
cat e2e-tests/target/bench/coverage-benchmark.txt
