#!/usr/bin/env bash
# Test-only entrypoint of the stand-in Elasticsearch (docker-compose.stand-in.yml): the service users in the file
# realm with the roles of deploy/elasticsearch/roles/*.json (JSON is YAML, so each becomes a roles.yml line), then the
# image's own entrypoint.
set -euo pipefail
cd /usr/share/elasticsearch
: >config/roles.yml
for role in /stack-test/roles/*.json; do
  printf '%s: %s\n' "$(basename "$role" .json)" "$(tr -d '\n' <"$role")" >>config/roles.yml
done
for user in onestore_ingestor onestore_query; do
  bin/elasticsearch-users userdel "$user" >/dev/null 2>&1 || true
  bin/elasticsearch-users useradd "$user" -p "${ONESTORE_ES_PASSWORD:?}" -r "$user"
done
exec /usr/local/bin/docker-entrypoint.sh "$@"
