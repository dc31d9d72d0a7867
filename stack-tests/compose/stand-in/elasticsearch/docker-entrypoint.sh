#!/bin/bash
# The official Elasticsearch image's entrypoint contract, as far as our compose files use it: every environment
# variable named like a setting (`node.name`, `xpack.security.enabled`, …) becomes `-E name=value`, and
# ELASTIC_PASSWORD becomes the keystore's bootstrap.password (the `elastic` user's password until one is stored in
# the security index). The keystore lives in config/, in the container, not on the data volume.
set -euo pipefail
cd /usr/share/elasticsearch
if [ "$#" -gt 0 ] && [ "${1:0:1}" != "-" ]; then
  exec "$@"
fi
settings=()
while IFS='=' read -r -d '' name value; do
  if [[ "$name" =~ ^[a-z0-9_]+\.[a-z0-9_.]+$ ]] && [ -n "$value" ]; then
    settings+=("-E$name=$value")
  fi
done < <(env -0)
if [ -n "${ELASTIC_PASSWORD:-}" ]; then
  [ -f config/elasticsearch.keystore ] || bin/elasticsearch-keystore create
  if ! bin/elasticsearch-keystore list | grep -qx 'bootstrap.password'; then
    printf '%s' "$ELASTIC_PASSWORD" | bin/elasticsearch-keystore add -x bootstrap.password
  fi
fi
exec bin/elasticsearch "${settings[@]}" "$@"
