#!/usr/bin/env bash
# Smoke test of the local run command: on a clean clone, `./onestore up -d` brings the stack up, `./onestore status`
# reports every service healthy, documents of the demo targets (posts, tag snapshots, profile snapshots) reach
# Elasticsearch within two ingest intervals, the query-api answers the demo key (and the example request `up`
# prints), once back-fill covers the last day share of voice over it equals the simulator's truth (on Instagram, and
# #vans over the last 12 hours on Mastodon and on Bluesky), `./onestore down`
# stops it, and no process of it is left behind.
# Ports default to a free block above 19400 so the test does not collide with a stack already running on 9200/80xx;
# set ONESTORE_*_PORT to choose them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}
export ONESTORE_ES_PORT="${ONESTORE_ES_PORT:-$(free_port 19400)}"
export ONESTORE_ES_TRANSPORT_PORT="${ONESTORE_ES_TRANSPORT_PORT:-$(free_port $((ONESTORE_ES_PORT + 100)))}"
export ONESTORE_SIMULATOR_PORT="${ONESTORE_SIMULATOR_PORT:-$(free_port 19490)}"
export ONESTORE_INGESTOR_PORT="${ONESTORE_INGESTOR_PORT:-$(free_port $((ONESTORE_SIMULATOR_PORT + 1)))}"
export ONESTORE_API_PORT="${ONESTORE_API_PORT:-$(free_port $((ONESTORE_INGESTOR_PORT + 1)))}"

ours() { ps -eo pid=,args= | grep -F "$ROOT/" | grep -E "java|elasticsearch" | grep -v grep || true; }
# Every process of the stack, wherever its files live (as root Elasticsearch runs from /var/tmp/onestore-<n>, outside
# the checkout, so its command line does not name $ROOT): the processes started from the pid files with all their
# descendants, and whatever listens on the stack's ports.
STACK_PORTS=("$ONESTORE_ES_PORT" "$ONESTORE_ES_TRANSPORT_PORT" "$ONESTORE_SIMULATOR_PORT" "$ONESTORE_INGESTOR_PORT"
  "$ONESTORE_API_PORT")
descendants() { # pids... -> those pids and all their descendants, one per line
  local table queue=("$@") pid
  table="$(ps -eo pid=,ppid=)"
  while ((${#queue[@]})); do
    pid="${queue[0]}"
    queue=("${queue[@]:1}")
    echo "$pid"
    # shellcheck disable=SC2207 # pids are plain numbers
    queue+=($(awk -v p="$pid" '$2 == p { print $1 }' <<<"$table"))
  done
}
listeners() { # the pids listening on any of the stack's ports, one per line
  local port
  for port in "${STACK_PORTS[@]}"; do
    ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2
  done
}
listening_ports() {
  local port
  for port in "${STACK_PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; fi
  done
}

cleanup() { ./onestore down >/dev/null 2>&1 || true; }
trap cleanup EXIT

fail() {
  echo "smoke-onestore: FAIL: $*" >&2
  tail -n 30 .onestore/logs/*.log >&2 || true
  exit 1
}

started=$SECONDS
up_log="$(mktemp)"
./onestore up -d | tee "$up_log" || fail "./onestore up -d failed"
echo "smoke-onestore: up in $((SECONDS - started))s"

status="$(./onestore status)" || fail "./onestore status is not all healthy:
$status"
echo "$status"
for service in elasticsearch simulator ingestor query-api; do
  grep -Eq "^$service +[0-9]+ +[0-9]+ +healthy" <<<"$status" || fail "$service is not healthy"
done
curl -sf "http://127.0.0.1:$ONESTORE_ES_PORT/_cluster/health" >/dev/null || fail "Elasticsearch does not answer"
curl -sf "http://127.0.0.1:$ONESTORE_SIMULATOR_PORT/__truth/tags/nike?from=$(date -u +%Y-%m-%dT00:00:00Z)" |
  grep -q '"public_posts"' || fail "the simulator's ground truth does not answer"
[[ -n "$(ours)" ]] || fail "no process of the stack found while it runs"

# Documents of the demo targets within two ingest intervals (./onestore runs the ingestor with a 1-minute interval).
es="http://127.0.0.1:$ONESTORE_ES_PORT"
count() { # alias, query string -> the number of matching documents (0 while the alias does not exist)
  curl -s --max-time 5 "$es/$1/_count?q=$2" | sed -n 's/.*"count":\([0-9]*\).*/\1/p' | grep . || echo 0
}
missing() {
  local tag handle
  for tag in nike adidas puma vans; do
    (($(count onestore-posts "hashtags:$tag") > 0)) || echo "posts of #$tag"
    (($(count onestore-tag-snapshots "tag:$tag") > 0)) || echo "a tag snapshot of #$tag"
  done
  for handle in nike adidas; do
    (($(count onestore-profile-snapshots "username:$handle") > 0)) || echo "a profile snapshot of @$handle"
  done
}
ingest_deadline=$((SECONDS + ${SMOKE_INGEST_WAIT:-120}))
while [[ -n "$(missing)" ]]; do
  ((SECONDS < ingest_deadline)) || fail "not in Elasticsearch within two ingest intervals: $(missing | paste -sd, -)"
  sleep 5
done
echo "smoke-onestore: demo documents in Elasticsearch after $((SECONDS - started))s:" \
  "$(count onestore-posts '*') posts, $(count onestore-tag-snapshots '*') tag snapshots," \
  "$(count onestore-profile-snapshots '*') profile snapshots"

# The query-api: refuses a request without a key, answers the demo key, and the example `up` printed works.
api="http://127.0.0.1:$ONESTORE_API_PORT"
key="${ONESTORE_DEMO_API_KEY:-onestore-demo-key}"
code="$(curl -s -o /dev/null -w '%{http_code}' "$api/api/v1/campaigns")"
[[ "$code" == 401 ]] || fail "GET /api/v1/campaigns without a key answered $code, not 401"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" "$api/api/v1/posts?hashtag=nike&size=1")"
[[ "$code" == 200 ]] || fail "GET /api/v1/posts with the demo key answered $code, not 200"
example="$(grep -o "'$api/api/[^']*'" "$up_log" | head -n 1 | tr -d "'")"
[[ -n "$example" ]] || fail "./onestore up printed no example request to the query-api"
body="$(curl -s -w '\n%{http_code}' -H "X-API-Key: $key" "$example")"
[[ "${body##*$'\n'}" == 200 && "$body" == *'"share"'* ]] || fail "the printed example $example answered: $body"
echo "smoke-onestore: the query-api answers the demo key; the printed example works"

# Back-fill reads each demo tag's history newest first, so the last day is covered a few captures after the first.
# Once the ledger says so for every tag (GET /api/v1/targets/{id}: Instagram covered since the window's start), share of
# voice over that day must equal the simulator's truth: its Instagram posts per tag, and their shares, within 1 %.
from="$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:00Z)"
covered_since() { # tag -> when its Instagram capture is covered since (empty before its first capture)
  curl -s --max-time 5 -H "X-API-Key: $key" "$api/api/v1/targets/hashtag:$1" |
    grep -o '"platform":"instagram","highWaterMark":{[^}]*},"coveredSince":"[^"]*"' |
    sed 's/.*"coveredSince":"\([^"]*\)"/\1/'
}
uncovered() {
  local tag since
  for tag in nike adidas puma vans; do
    since="$(covered_since "$tag")"
    [[ -n "$since" && ! "$since" > "$from" ]] || echo "#$tag (covered since ${since:-never})"
  done
}
wait_until_none() { # seconds, what failing means, a function -> waits until the function lists nothing
  local deadline=$((SECONDS + $1))
  while [[ -n "$($3)" ]]; do
    ((SECONDS < deadline)) || fail "$2: $($3 | paste -sd, -)"
    sleep 5
  done
}
wait_until_none "${SMOKE_BACKFILL_WAIT:-480}" "back-fill did not cover the last day" uncovered
to="$(date -u +%Y-%m-%dT%H:%M:00Z)"
echo "smoke-onestore: back-fill covers [$from, $to) for every demo tag after $((SECONDS - started))s"
voice="$(curl -s -H "X-API-Key: $key" \
  "$api/api/v1/insights/share-of-voice?hashtags=nike,adidas,puma,vans&metric=posts&platform=instagram&from=$from&to=$to")"
[[ "$(grep -o '"sharesWithheld":[^,]*' <<<"$voice" | head -n 1)" == '"sharesWithheld":null' ]] ||
  fail "share of voice withholds its shares over a covered day: $voice"
truth_total=0
declare -A truth value share
for tag in nike adidas puma vans; do
  truth[$tag]="$(curl -s "http://127.0.0.1:$ONESTORE_SIMULATOR_PORT/__truth/tags/$tag?posts=false&from=$from&to=$to" |
    sed -n 's/.*"public_posts":\([0-9]*\).*/\1/p')"
  entry="$(grep -o "{\"hashtag\":\"$tag\",\"value\":[0-9]*,\"share\":[^}]*}" <<<"$voice" | head -n 1)"
  value[$tag]="$(sed -n 's/.*"value":\([0-9]*\).*/\1/p' <<<"$entry")"
  share[$tag]="$(sed -n 's/.*"share":\([^}]*\)}/\1/p' <<<"$entry")"
  [[ -n "${truth[$tag]}" && -n "${value[$tag]}" ]] || fail "no value or truth for #$tag: $voice"
  truth_total=$((truth_total + truth[$tag]))
done
for tag in nike adidas puma vans; do
  awk -v v="${value[$tag]}" -v t="${truth[$tag]}" -v s="${share[$tag]}" -v total="$truth_total" \
    'BEGIN { d = v - t; if (d < 0) d = -d; e = s - t / total; if (e < 0) e = -e;
             exit !(t > 0 && d <= 0.01 * t && e <= 0.01 * t / total) }' ||
    fail "share of voice of #$tag over [$from, $to): ${value[$tag]} posts, share ${share[$tag]};" \
      "the truth: ${truth[$tag]} of $truth_total"
done
echo "smoke-onestore: share of voice over the last day equals the truth:" \
  "$(for tag in nike adidas puma vans; do printf '#%s %s/%s ' "$tag" "${value[$tag]}" "${truth[$tag]}"; done)"

# #vans on Mastodon and Bluesky (no account on the real networks): `up` reads Mastodon's back pages and replays
# Bluesky's last 23 hours at the first capture, so once both ledgers cover the last 12 hours up to this hour, share of
# voice over it must equal the simulator's truth exactly: Mastodon's public #vans posts; on Bluesky the posts whose text
# carries #vans less those deleted by where the stream has read (between the ledger's end and now: a deletion after the
# ledger's end may or may not be applied yet).
open_from="$(date -u -d '12 hours ago' +%Y-%m-%dT%H:00:00Z)"
ledger() { # platform field -> that field of #vans's ledger on the platform (empty while there is none)
  curl -s --max-time 5 -H "X-API-Key: $key" "$api/api/v1/targets/hashtag:vans" | sed 's/{"platform":/\n&/g' |
    grep "^{\"platform\":\"$1\"" | grep -o "\"$2\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4
}
open_uncovered() {
  local platform since
  for platform in mastodon bluesky; do
    since="$(ledger "$platform" coveredSince)"
    [[ -n "$since" && ! "$since" > "$open_from" ]] || echo "$platform (covered since ${since:-never})"
  done
}
wait_until_none "${SMOKE_OPEN_WAIT:-180}" "#vans on the open networks is not covered since $open_from" open_uncovered
open_to="$(date -u +%Y-%m-%dT%H:00:00Z)"
posts_on() { # platform -> #vans's posts on it over [open_from, open_to) as share of voice counts them
  curl -s -H "X-API-Key: $key" \
    "$api/api/v1/insights/share-of-voice?hashtags=vans&metric=posts&platform=$1&from=$open_from&to=$open_to" |
    grep -o '{"hashtag":"vans","value":[0-9]*' | head -n 1 | sed 's/.*"value"://'
}
truth_mastodon="$(curl -s "http://127.0.0.1:$ONESTORE_SIMULATOR_PORT/__truth/tags/vans?posts=false&from=$open_from&to=$open_to" |
  sed -n 's/.*"public_posts":\([0-9]*\).*/\1/p')"
mastodon="$(posts_on mastodon)"
[[ -n "$truth_mastodon" && "$mastodon" == "$truth_mastodon" ]] ||
  fail "#vans on Mastodon over [$open_from, $open_to): ${mastodon:-no answer} posts, the truth $truth_mastodon"
ledger_end_us="$(date -u -d "$(ledger bluesky lastCaptureAt)" +%s%6N)"
bluesky="$(posts_on bluesky)"
now_us="$(date -u +%s%6N)"
bluesky_truth="$(curl -s "http://127.0.0.1:$ONESTORE_SIMULATOR_PORT/__truth/bluesky/tags/vans?from=$open_from&to=$open_to")"
alive() { # time_us -> the truth's #vans posts on Bluesky in the window not deleted by then
  grep -o '"deleted_us":[0-9a-z]*' <<<"$bluesky_truth" | cut -d: -f2 |
    awk -v t="$1" '$1 == "null" || $1 + 0 > t { n++ } END { print n + 0 }'
}
most="$(alive "$ledger_end_us")"
least="$(alive "$now_us")"
[[ -n "$bluesky" ]] && ((least <= bluesky && bluesky <= most)) ||
  fail "#vans on Bluesky over [$open_from, $open_to): ${bluesky:-no answer} posts, the truth $least (deletions to now)" \
    "to $most (deletions to the ledger's end)"
echo "smoke-onestore: #vans over [$open_from, $open_to) equals the truth: Mastodon $mastodon/$truth_mastodon," \
  "Bluesky $bluesky/$most (deletions to the ledger's end; $least with those to now)"

rm -f "$up_log"
# shellcheck disable=SC2046 # pid files hold one number each
pids="$( (descendants $(cat .onestore/run/*.pid); listeners) | sort -un)"
grep -q . <<<"$pids" || fail "no process of the stack found from its pid files and ports"
./onestore down || fail "./onestore down failed"
trap - EXIT
sleep 1
left="$(ours)"
for pid in $pids; do
  # A zombie (state Z) has exited and released its ports and files; it only waits for whichever process inherited it
  # to reap it, which outside a login session can take a while. Only a live process counts as left behind.
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  if [[ -n "$state" && "$state" != Z* ]]; then
    left+=$'\n'"pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
  fi
done
still="$(listening_ports)"
[[ -z "$still" ]] || left+=$'\n'"ports still answering: $(tr '\n' ' ' <<<"$still")"
[[ -z "${left//$'\n'/}" ]] || fail "processes left after ./onestore down:
$left"
if ./onestore status >/dev/null; then
  fail "./onestore status still reports a running stack"
fi
echo "smoke-onestore: OK in $((SECONDS - started))s"
