#!/usr/bin/env bash
# The capture fan-out benchmark in one command: the simulator with every Instagram web call delayed 100 ms and its clock
# twenty times as fast as real time, one ingestor (the real jar) over 10,000 hashtag targets with 50 accounts of 200
# calls a simulated hour, against a sequential one-request-at-a-time loop on the same simulator. Prints calls per
# second, the cycle time while the budget allows, the share of the budget used once the targets exceed it, the 429
# answers, and the ingestor's heap after GC and RSS; writes e2e-tests/target/bench/fanout-benchmark.{txt,json}.
#
#   bench/fanout.sh
#   bench/fanout.sh -Donestore.bench.fanout.clock-rate=30 -Donestore.bench.fanout.windows=3
#
# These machines are small and shared: quote the ratios and shares, not the absolute rates.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl e2e-tests -am verify -Dspotless.check.skip=true \
  -Dtest=FanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
cat e2e-tests/target/bench/fanout-benchmark.txt
