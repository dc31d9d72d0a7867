#!/usr/bin/env bash
# The ingest benchmark alone: the ingestor's parse → normalise → BulkIndexer path against the same final documents
# posted as raw _bulk bodies over two connections, to the same Elasticsearch, in the same run (first capture and
# recapture, interleaved rounds, then a sweep of bulk sizes). bench/run-all.sh runs it as part of everything.
# Each round also reports CPU per document on both ends (the benchmark JVM, the capturing thread, Elasticsearch's process
# CPU under each side) and a stage breakdown of ours (parse, normalise, to trees, merge, serialise); docs/benchmarks.md
# says how to read them. Writes ingestor-service/target/bench/ingest-benchmark.{txt,md,json}.
#
#   bench/ingest.sh                              # 200,000 posts, 3 rounds, Elasticsearch from the test harness
#   ONESTORE_ES_URL=http://127.0.0.1:9200 bench/ingest.sh -Donestore.bench.posts=20000 -Donestore.bench.rounds=5
#   bench/ingest.sh -Donestore.bench.sweep-sizes=500,2000 -Donestore.bench.sweep-posts=10000
#
# These machines are small and shared: quote the ratios, not the absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingestor-service -am test -Dspotless.check.skip=true \
  -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
cat ingestor-service/target/bench/ingest-benchmark.txt
