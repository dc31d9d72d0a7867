#!/usr/bin/env bash
# Test-only es-setup (docker-compose.stand-in.yml): Elasticsearch is yellow for `elastic`, and both service users
# (file realm there) authenticate with ONESTORE_ES_PASSWORD.
set -euo pipefail
: "${ES_URL:?}" "${ELASTIC_PASSWORD:?}" "${ONESTORE_ES_PASSWORD:?}"
for attempt in $(seq 1 90); do
  curl -fsS -o /dev/null -u "elastic:${ELASTIC_PASSWORD}" "${ES_URL}/_cluster/health?wait_for_status=yellow&timeout=5s" && break
  [ "$attempt" = 90 ] && { echo "es-setup (test): Elasticsearch at ${ES_URL} did not become ready" >&2; exit 1; }
  sleep 2
done
for user in onestore_ingestor onestore_query; do
  curl -fsS -o /dev/null -u "${user}:${ONESTORE_ES_PASSWORD}" "${ES_URL}/_security/_authenticate" ||
    { echo "es-setup (test): ${user} cannot log in" >&2; exit 1; }
done
echo "es-setup (test): Elasticsearch is ready; onestore_ingestor and onestore_query log in (file realm)"
