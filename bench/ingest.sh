#!/usr/bin/env bash
# The ingest benchmark in one command: the ingestor's BulkIndexer against curl posting the same documents as raw
# _bulk bodies, to the same Elasticsearch, in the same run. Prints docs/s for both and their ratio per round, and
# writes ingestor-service/target/bench/ingest-benchmark.txt.
#
#   bench/ingest.sh                              # 100 tags x 100 posts, 3 rounds, Elasticsearch from the harness
#   ONESTORE_ES_URL=http://127.0.0.1:9200 bench/ingest.sh -Donestore.bench.rounds=5
#
# These machines are small and shared: quote the ratios, not the absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingestor-service -am test -Dspotless.check.skip=true \
  -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
cat ingestor-service/target/bench/ingest-benchmark.txt
