#!/usr/bin/env bash
# Imports every kibana/*.ndjson (data views, Lens visualisations, the "OneStore" dashboard) into Kibana, replacing
# older copies with the same ids. Run by the kibana-setup service of docker-compose.yml; by hand:
#   KIBANA_URL=http://localhost:5601 KIBANA_USER=elastic KIBANA_PASSWORD=… kibana/import.sh
# Saved objects are versioned here: change them in Kibana, export them (Stack Management > Saved objects, without
# related objects' copies you did not mean to change) and commit the file; stack-tests checks every field they use.
set -euo pipefail
KIBANA_URL="${KIBANA_URL:-http://localhost:5601}"
KIBANA_USER="${KIBANA_USER:-elastic}"
: "${KIBANA_PASSWORD:?set KIBANA_PASSWORD (password of KIBANA_USER)}"
dir="$(cd "$(dirname "$0")" && pwd)"

kibana() { curl -sS -u "${KIBANA_USER}:${KIBANA_PASSWORD}" -H 'kbn-xsrf: onestore' "$@"; }

for attempt in $(seq 1 90); do
  if kibana -o /dev/null -w '%{http_code}' "${KIBANA_URL}/api/status" 2>/dev/null | grep -q '^200$'; then
    break
  fi
  [ "$attempt" = 90 ] && { echo "kibana-setup: Kibana at ${KIBANA_URL} did not become available" >&2; exit 1; }
  sleep 2
done

status=0
for file in "$dir"/*.ndjson; do
  result=$(kibana -X POST "${KIBANA_URL}/api/saved_objects/_import?overwrite=true" --form "file=@${file}")
  if printf '%s' "$result" | grep -q '"success":true'; then
    echo "kibana-setup: imported $(basename "$file"): $(printf '%s' "$result" | grep -o '"successCount":[0-9]*')"
  else
    echo "kibana-setup: import of $(basename "$file") failed: $result" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "kibana-setup: open ${KIBANA_URL}/app/dashboards#/view/onestore"
exit "$status"
