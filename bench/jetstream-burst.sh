#!/usr/bin/env bash
# The Jetstream burst benchmark: the simulator's Jetstream on a clock 600 times real time (a busy network: posts,
# likes, reposts, deletions), replayed from one cursor hours behind live, as fast as each reader takes it. Baseline: a
# bare WebSocket client counting frames. Ours: the ingestor jar (heap capped at 256 MB) started from the same cursor,
# streaming it for a quiet watched tag. Prints events per second of both and
# the ingestor's heap, writes e2e-tests/target/bench/jetstream-burst.{txt,json}, replaces its rows in
# docs/benchmarks.json and its section in docs/benchmarks.md. bench/run-all.sh runs it too.
#
#   bench/jetstream-burst.sh
#   bench/jetstream-burst.sh -Donestore.bench.burst-seconds=120 -Donestore.bench.burst-clock-rate=3600
#
# These machines are small and shared: quote the ratio, not the absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl e2e-tests -am verify -Dspotless.check.skip=true \
  -Dtest=JetstreamBurstBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
report=e2e-tests/target/bench/jetstream-burst.txt
cat "$report"
# docs/benchmarks.md: the section between the markers, replaced (added at the end the first time).
section="$(
  echo '<!-- jetstream-burst -->'
  echo '## Jetstream burst'
  echo
  echo "\`bench/jetstream-burst.sh\`, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end:"
  echo
  echo '```'
  cat "$report"
  echo '```'
  echo
  echo 'Backpressure: the consumer reads the socket only as fast as it handles batches (one batch of at most'
  echo '`batch-size` events in hand), so the stream waits in TCP and in the simulator, which makes events only as'
  echo 'they are requested; the heap stays bounded however far behind live the reader falls.'
  echo
  echo 'Like for like: both readers replay the same stretch of the seeded world from the same `cursor` (the bare'
  echo 'client with `?cursor=`, the ingestor from its stored stream cursor written before it starts; no back-fill'
  echo 'connection), hours of simulated time behind live, and skip the same first events; the first line says how'
  echo 'far behind live each one still was at the end (at live the simulator, not the reader, would set the pace).'
  echo
  echo 'Where the time goes: the consumer'"'"'s busy share is the time it spent handling batches over the window; the'
  echo 'rest it waited for the socket. Below 100% the consumer is not what sets the pace: the simulator is (its CPU'
  echo 'per second), so events per second divided by the busy share is what the consumer could take. Runs vary a'
  echo 'lot on this shared machine; compare runs made back to back (docs/open-networks.md, Backpressure).'
  echo '<!-- /jetstream-burst -->'
)"
touch docs/benchmarks.md
SECTION="$section" awk '
  /<!-- jetstream-burst -->/ { skipping = 1; print ENVIRON["SECTION"]; done = 1; next }
  /<!-- \/jetstream-burst -->/ { skipping = 0; next }
  !skipping { print }
  END { if (!done) { print ""; print ENVIRON["SECTION"] } }' docs/benchmarks.md >docs/benchmarks.md.new
mv docs/benchmarks.md.new docs/benchmarks.md
