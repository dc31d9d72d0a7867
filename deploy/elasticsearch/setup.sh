#!/usr/bin/env bash
# One-shot set-up of a secured Elasticsearch for the compose stack (run by the es-setup service, idempotent):
#  - the kibana_system password (Kibana logs in with it; it cannot be set through the environment);
#  - two roles and users with the least privileges our services need, so neither runs as the superuser:
#    onestore_ingestor owns the onestore-* indices and templates (only the ingestor creates indices, design.md §1),
#    onestore_query reads them and writes only campaigns and targets.
set -euo pipefail
: "${ES_URL:?}" "${ELASTIC_PASSWORD:?}" "${KIBANA_PASSWORD:?}" "${ONESTORE_ES_PASSWORD:?}"

es() { # method path [json body]
  local out
  out=$(curl -sS -o /tmp/es-setup.out -w '%{http_code}' -u "elastic:${ELASTIC_PASSWORD}" \
    -X "$1" "${ES_URL}$2" -H 'Content-Type: application/json' ${3:+-d "$3"})
  if [[ "$out" != 2* ]]; then
    echo "es-setup: $1 $2 answered HTTP $out: $(cat /tmp/es-setup.out)" >&2
    return 1
  fi
}

for _ in $(seq 1 60); do
  es GET '/_cluster/health?wait_for_status=yellow&timeout=5s' 2>/dev/null && break
  echo "es-setup: waiting for Elasticsearch at ${ES_URL}"
  sleep 2
done

es POST /_security/user/kibana_system/_password "{\"password\":\"${KIBANA_PASSWORD}\"}"

es PUT /_security/role/onestore_ingestor '{
  "cluster": ["monitor", "manage_index_templates"],
  "indices": [{"names": ["onestore-*"], "privileges": ["all"]}]
}'
es PUT /_security/role/onestore_query '{
  "cluster": ["monitor"],
  "indices": [
    {"names": ["onestore-*"], "privileges": ["read", "view_index_metadata"]},
    {"names": ["onestore-campaigns*", "onestore-targets*"], "privileges": ["write", "maintenance"]}
  ]
}'
es PUT /_security/user/onestore_ingestor "{\"password\":\"${ONESTORE_ES_PASSWORD}\",\"roles\":[\"onestore_ingestor\"]}"
es PUT /_security/user/onestore_query "{\"password\":\"${ONESTORE_ES_PASSWORD}\",\"roles\":[\"onestore_query\"]}"
echo "es-setup: kibana_system password, onestore_ingestor and onestore_query are set"
