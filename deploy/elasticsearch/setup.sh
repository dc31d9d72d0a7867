#!/usr/bin/env bash
# One-shot set-up of a secured Elasticsearch for the compose stack (run by the es-setup service, idempotent, so every
# `up` applies the current .env):
#  - the kibana_system password (Kibana logs in with it; it cannot be set through the environment);
#  - the roles in roles/*.json and two users with the least privileges our services need, so neither runs as the
#    superuser: onestore_ingestor owns the onestore-* indices and templates (only the ingestor creates indices,
#    design.md §1), onestore_query reads them and writes only campaigns and targets.
# Passwords may hold any character (quotes, spaces, backslashes): they reach Elasticsearch JSON-escaped.
set -euo pipefail
: "${ES_URL:?}" "${ELASTIC_PASSWORD:?}" "${KIBANA_PASSWORD:?}" "${ONESTORE_ES_PASSWORD:?}"
here="$(cd "$(dirname "$0")" && pwd)"
answer="$(mktemp)"
errors="$(mktemp)"
trap 'rm -f "$answer" "$errors"' EXIT

# A JSON string literal of $1: backslash, quote and control characters escaped.
json_string() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '\') out+='\\' ;;
      '"') out+='\"' ;;
      $'\n') out+='\n' ;;
      $'\r') out+='\r' ;;
      $'\t') out+='\t' ;;
      [$'\x01'-$'\x1f']) out+=$(printf '\\u%04x' "'$c") ;;
      *) out+="$c" ;;
    esac
  done
  printf '"%s"' "$out"
}

es() { # method path [json body]; the credentials go through a file, never on a command line
  local code
  code=$(curl -sS -o "$answer" -w '%{http_code}' -K- -X "$1" "${ES_URL}$2" \
    -H 'Content-Type: application/json' ${3:+--data-binary "$3"} <<<"user = $(json_string "elastic:${ELASTIC_PASSWORD}")") ||
    code=000
  case "$code" in
    2*) return 0 ;;
    401) echo "es-setup: Elasticsearch refused the elastic user's password: ELASTIC_PASSWORD is not the password" \
      "of this cluster (docs/deployment.md, Secrets)" >&2; return 2 ;;
    *) echo "es-setup: $1 $2 answered HTTP $code: $(cat "$answer" 2>/dev/null)" >&2; return 1 ;;
  esac
}

for attempt in $(seq 1 90); do
  status=0
  es GET '/_cluster/health?wait_for_status=yellow&timeout=5s' 2>"$errors" || status=$?
  [ "$status" = 0 ] && break
  [ "$status" = 2 ] && { cat "$errors" >&2; exit 1; }
  [ "$attempt" = 90 ] && { echo "es-setup: Elasticsearch at ${ES_URL} did not become ready" >&2; cat "$errors" >&2; exit 1; }
  echo "es-setup: waiting for Elasticsearch at ${ES_URL}"
  sleep 2
done

es POST /_security/user/kibana_system/_password "{\"password\":$(json_string "$KIBANA_PASSWORD")}"
for role in "$here"/roles/*.json; do
  es PUT "/_security/role/$(basename "$role" .json)" "$(cat "$role")"
done
for user in onestore_ingestor onestore_query; do
  es PUT "/_security/user/$user" "{\"password\":$(json_string "$ONESTORE_ES_PASSWORD"),\"roles\":[\"$user\"]}"
done
echo "es-setup: kibana_system password, onestore_ingestor and onestore_query are set"
