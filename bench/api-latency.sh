#!/usr/bin/env bash
# API latency and throughput, and the scale curve: every insight endpoint of the query-api against the raw
# Elasticsearch requests it sends, replayed with the same bodies, in the same run, in interleaved rounds.
#
#   bench/api-latency.sh                         1,000,000 posts, 3 rounds of 3 s per figure, then the scale curve
#                                                (campaign report and influencers at 100,000 and 1,000,000 posts)
#   bench/api-latency.sh --posts 200000 --rounds 2 --duration 2 --scale ""      (minutes: try it out)
#   bench/api-latency.sh --scale "100000,1000000,5000000"                        (the 5M point: about 30 min more)
#   bench/api-latency.sh --endpoints "post search,tag trend" --scale ""         (some endpoints only)
#
# ONESTORE_BENCH_API_JAR=path measures that query-api jar instead of the one built here (e.g. a copy of the jar
# before a change, to run before and after back to back against the same dataset).
#
# Needs wrk, nginx and python3 (Debian: apt-get install -y wrk nginx-light python3). It builds the query-api jar,
# starts Elasticsearch as bench/run-all.sh does (state in .onestore/bench, port ONESTORE_BENCH_ES_PORT [9250]), loads
# the dataset of BenchData (kept between runs: a rerun at the same size loads nothing), starts the jar
# (ONESTORE_BENCH_API_PORT [9252]) and nginx in front of it with the repository's nginx/nginx.conf
# (ONESTORE_BENCH_NGINX_PORT [9253]), and stops them all again. Writes target/bench/api/api-benchmark.{txt,md,json}.
#
# How: each endpoint is called once with the Elasticsearch client's request tracer on; the requests it logs (method,
# path, body) are the endpoint's raw baseline. bench/wrk-sequence.lua then replays either side: the endpoint (one
# request) directly and through nginx, or its Elasticsearch requests in order. Latency: one connection, the median
# and 99th percentile of a whole sequence. Throughput: 16 connections over 2 wrk threads, whole sequences per second.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

POSTS=1000000
ROUNDS=3
DURATION=3
SCALE="100000,1000000"
ENDPOINTS=""
while (($#)); do
  case "$1" in
    --posts)
      POSTS="$2"
      shift
      ;;
    --rounds)
      ROUNDS="$2"
      shift
      ;;
    --duration)
      DURATION="$2"
      shift
      ;;
    --scale)
      SCALE="$2"
      shift
      ;;
    --endpoints)
      ENDPOINTS="$2"
      shift
      ;;
    -h | --help)
      sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "api-latency: unknown option $1 (see --help)" >&2
      exit 2
      ;;
  esac
  shift
done
for tool in wrk nginx python3 curl java; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "api-latency: $tool is missing (Debian: apt-get install -y wrk nginx-light python3 curl)" >&2
    exit 1
  }
done

ES_PORT="${ONESTORE_BENCH_ES_PORT:-9250}"
API_PORT="${ONESTORE_BENCH_API_PORT:-9252}"
NGINX_PORT="${ONESTORE_BENCH_NGINX_PORT:-9253}"
ES="http://127.0.0.1:$ES_PORT"
API="http://127.0.0.1:$API_PORT"
NGINX="http://127.0.0.1:$NGINX_PORT"
KEY="bench-$RANDOM$RANDOM"
OUT="$ROOT/target/bench/api"
STATE="$ROOT/.onestore/bench"
rm -rf "$OUT"
mkdir -p "$OUT/seq" "$OUT/nginx"
RESULTS="$OUT/results.tsv"
: >"$RESULTS"

stack() {
  ONESTORE_STATE_DIR="$STATE" ONESTORE_SERVICES="elasticsearch" ONESTORE_ES_PORT="$ES_PORT" \
    ONESTORE_ES_TRANSPORT_PORT="$((ES_PORT + 1))" ONESTORE_ES_HEAP="${ONESTORE_BENCH_ES_HEAP:-1g}" \
    "$ROOT/onestore" "$@"
}
api_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  [[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  stack down >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== building the query-api jar and the dataset loader"
./mvnw -B -q -pl query-api -am package -DskipTests -Dspotless.check.skip=true dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
JAR="${ONESTORE_BENCH_API_JAR:-$(ls query-api/target/query-api-*.jar | grep -v -- '-plain' | head -1)}"
CP="query-api/target/test-classes:query-api/target/classes:$(cat query-api/target/bench-classpath.txt)"

echo "== starting Elasticsearch on $ES"
stack up -d >"$OUT/stack.log" 2>&1 || {
  cat "$OUT/stack.log" >&2
  exit 1
}

# Each size has its own indices (prefix onestore-<posts>-), kept in .onestore/bench between runs: a rerun loads nothing.
# A marker file says a load finished; a size without one is dropped and loaded again.
prefix_of() { echo "onestore-$1-"; }
load() {
  local size="$1" prefix indices
  prefix="$(prefix_of "$size")"
  [[ -f "$STATE/api-dataset-$size" ]] && return 0
  indices="$(curl -sf "$ES/_cat/indices/$prefix*?h=index" | sort | paste -sd, -)"
  [[ -n "$indices" ]] && curl -sf -X DELETE "$ES/$indices" >/dev/null
  echo "   loading $size posts and the snapshots into $prefix*"
  java -cp "$CP" io.onestore.query.bench.BenchData "$ES" --prefix "$prefix" --from 0 --to "$size" --snapshots
  echo "$size" >"$STATE/api-dataset-$size"
}

# Elasticsearch's shard request cache would answer every repeated aggregation from memory, on both sides: the raw
# side would measure HTTP round trips only and the scale curve would stay flat whatever the data. A deployment's
# windows move (the default window ends now), so the searches themselves are what is measured.
# Every index of the size is read by some endpoint (posts, snapshots, the coverage ledgers, campaigns, targets), so the
# cache goes off on all of them; request_cache_hits then proves that no answer came from it during the rounds.
no_request_cache() {
  curl -sf -X PUT "$ES/$(prefix_of "$1")*/_settings" -H 'Content-Type: application/json' \
    -d '{"index":{"requests":{"cache":{"enable":false}}}}' >/dev/null
}
request_cache_hits() {
  curl -sf "$ES/$(prefix_of "$1")*/_stats/request_cache" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["_all"]["total"]["request_cache"]["hit_count"])'
}
no_request_cache_hits_since() {
  local now
  now="$(request_cache_hits "$1")"
  ((now == $2)) || {
    echo "api-latency: Elasticsearch answered $((now - $2)) searches from its request cache during the rounds" >&2
    exit 1
  }
}

start_api() {
  local prefix
  prefix="$(prefix_of "$1")"
  if [[ -n "$api_pid" ]]; then
    kill "$api_pid"
    wait "$api_pid" 2>/dev/null || true
  fi
  # The management port is the API's own; `loggers` lets the capture switch the request tracer on and off.
  ONESTORE_API_KEYS="$KEY" SPRING_ELASTICSEARCH_URIS="$ES" ONESTORE_INDEX_PREFIX="$prefix" java ${ONESTORE_BENCH_API_JAVA_OPTS:--Xms256m -Xmx512m} \
    -jar "$JAR" --server.port="$API_PORT" --management.endpoints.web.exposure.include=health,loggers \
    >"$OUT/query-api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$API/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "api-latency: the query-api did not start; see $OUT/query-api.log" >&2
  exit 1
}

# The repository's nginx config with one replica, the rate limit off (a benchmark is one client asking as fast as it
# can) and the access log in a file instead of stdout; everything else as deployed.
start_nginx() {
  sed -e "s|\${NGINX_LISTEN}|127.0.0.1:$NGINX_PORT|" -e "s|\${QUERY_API_1}|127.0.0.1:$API_PORT|" \
    -e "/\${QUERY_API_2}/d" -e "s|\${NGINX_TEMP_DIR}|$OUT/nginx|" -e "/limit_req zone=per_client/d" \
    -e "s|access_log /dev/stdout onestore;|access_log $OUT/nginx/access.log onestore;|" \
    -e "s|error_log /dev/stderr warn;|error_log $OUT/nginx/error.log warn;\npid $OUT/nginx/nginx.pid;|" \
    nginx/nginx.conf >"$OUT/nginx/nginx.conf"
  nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' >"$OUT/nginx/stdout.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 40); do
    curl -sf "$NGINX/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "api-latency: nginx did not start; see $OUT/nginx/" >&2
  exit 1
}

WINDOW="from=2026-11-22T00:00:00Z&to=2026-11-29T00:00:00Z"
declare -A PATHS
endpoints() {
  local campaign
  campaign="$(curl -sf -X POST "$API/api/v1/campaigns" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench","hashtags":["nike"],"start":"2026-11-15T00:00:00Z","end":"2026-11-22T00:00:00Z"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  PATHS=(
    ["post search"]="/api/v1/posts?hashtag=nike&$WINDOW"
    ["tag trend"]="/api/v1/tags/nike/trend?$WINDOW"
    ["share of voice"]="/api/v1/insights/share-of-voice?hashtags=nike,adidas,puma,vans&$WINDOW"
    ["sentiment"]="/api/v1/insights/sentiment?hashtags=nike&$WINDOW"
    ["spikes"]="/api/v1/insights/spikes?hashtags=nike&$WINDOW"
    ["influencers"]="/api/v1/insights/influencers?hashtags=nike&$WINDOW"
    ["campaign report"]="/api/v1/campaigns/$campaign/report"
  )
  if [[ -n "$ENDPOINTS" ]]; then
    local name wanted=",$ENDPOINTS,"
    for name in "${!PATHS[@]}"; do
      [[ "$wanted" == *",$name,"* ]] || unset "PATHS[$name]"
    done
    ((${#PATHS[@]})) || {
      echo "api-latency: --endpoints $ENDPOINTS names none of the endpoints" >&2
      exit 2
    }
  fi
}
slug() { echo "$1" | tr ' ' '-'; }

tracer() {
  curl -sf -X POST "$API/actuator/loggers/tracer" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    -d "{\"configuredLevel\":$1}" >/dev/null
}

# Each endpoint called twice, the second call's Elasticsearch requests (the tracer's curl lines, with the answers the
# tracer logs after them) kept as its raw sequence; the endpoint itself is a sequence of one request. Each raw sequence
# is then replayed once and must get, request by request, the status and the body the endpoint got (`took` aside):
# a raw baseline that answers something else (an error, a miss, fewer hits) fails the run instead of measuring it.
capture() {
  local name path log="$OUT/query-api.log" offset slug
  tracer '"TRACE"'
  for name in "${!PATHS[@]}"; do
    path="${PATHS[$name]}"
    slug="$(slug "$name")"
    printf 'GET\t%s\tX-API-Key: %s\t\n' "$path" "$KEY" >"$OUT/seq/ours-$slug.seq"
    curl -sf -o /dev/null -H "X-API-Key: $KEY" "$API$path"
    sleep 0.3
    offset="$(wc -c <"$log")"
    curl -sf -o "$OUT/seq/answer-$slug.json" -H "X-API-Key: $KEY" "$API$path"
    sleep 0.5
    python3 bench/api-capture.py capture "$log" "$offset" "$OUT/seq/raw-$slug.seq" "$OUT/seq/expected-$slug.jsonl"
  done
  tracer null
  for name in "${!PATHS[@]}"; do
    slug="$(slug "$name")"
    python3 bench/api-capture.py verify "$ES" "$OUT/seq/raw-$slug.seq" "$OUT/seq/expected-$slug.jsonl" >/dev/null || {
      echo "api-latency: the raw replay of $name does not get what the endpoint got (above)" >&2
      exit 1
    }
    printf '   %-16s %d Elasticsearch request(s), replayed and checked; answer %d bytes\n' "$name" \
      "$(wc -l <"$OUT/seq/raw-$slug.seq")" "$(wc -c <"$OUT/seq/answer-$slug.json")"
  done
}

# One figure: SIDE (ours | nginx | raw) of endpoint NAME with CONNECTIONS connections, appended to results.tsv.
measure() {
  local round="$1" label="$2" name="$3" side="$4" connections="$5" threads=2 url="$API" seq line output
  seq="$OUT/seq/ours-$(slug "$name").seq"
  [[ "$side" == nginx ]] && url="$NGINX"
  [[ "$side" == raw ]] && url="$ES" && seq="$OUT/seq/raw-$(slug "$name").seq"
  ((connections == 1)) && threads=1
  output="$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 30s -s bench/wrk-sequence.lua "$url" -- "$seq")"
  line="$(grep '^SEQUENCES' <<<"$output")"
  [[ "$line" == *" failed=0" ]] || {
    echo "api-latency: $name ($side, $connections connections) had failed requests: $line" >&2
    grep '^FIRST FAILURE' <<<"$output" >&2 || true
    exit 1
  }
  LAST_P50="$(sed -E 's/.* p50_ms=([0-9.]+) .*/\1/' <<<"$line")"
  # round, label, endpoint, side, connections, p50 ms, p99 ms, sequences/s
  echo "$line" | sed -E "s/SEQUENCES count=[0-9]+ p50_ms=([0-9.]+) p99_ms=([0-9.]+) per_s=([0-9.]+).*/$round\t$label\t$name\t$side\t$connections\t\1\t\2\t\3/" >>"$RESULTS"
}

# 16 clients of an endpoint that takes P50 ms alone each finish one call in about 8 x P50 on 2 cores: the run lasts
# long enough for about four calls each (a slow endpoint in 3 s would finish none, or a few cut short at the end).
throughput_duration() {
  awk -v p50="$1" -v least="$DURATION" 'BEGIN { d = int(32 * p50 / 1000 + 0.999); print (d > least ? d : least) }'
}

warm() {
  local name side
  for name in "${!PATHS[@]}"; do
    for side in ours raw; do
      DURATION=2 measure 0 warmup "$name" "$side" 4
    done
  done
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== dataset: $POSTS posts"
load "$POSTS"
no_request_cache "$POSTS"
echo "== starting the query-api on $API and nginx on $NGINX"
start_api "$POSTS"
start_nginx
endpoints
echo "== capturing each endpoint's Elasticsearch requests"
capture
LOAD_START="$(load_average)"
CACHE_HITS="$(request_cache_hits "$POSTS")"
echo "== warming up"
warm
echo "== $ROUNDS rounds of $DURATION s per figure (load average $(load_average))"
mapfile -t NAMES < <(printf '%s\n' "${!PATHS[@]}" | sort)
for round in $(seq 1 "$ROUNDS"); do
  # The side that goes first alternates between rounds.
  if ((round % 2)); then sides=(ours nginx raw); else sides=(raw nginx ours); fi
  for name in "${NAMES[@]}"; do
    for side in "${sides[@]}"; do
      measure "$round" "api" "$name" "$side" 1
      DURATION="$(throughput_duration "$LAST_P50")" measure "$round" "api" "$name" "$side" 16
    done
  done
  echo "   round $round done (load average $(load_average))"
done
LOAD_END="$(load_average)"
no_request_cache_hits_since "$POSTS" "$CACHE_HITS"

# --- the scale curve: the campaign report and the influencer ranking at each size ---------------------------------
SIZES=""
if [[ -n "$SCALE" ]]; then
  IFS=',' read -r -a SIZES_LIST <<<"$SCALE"
  for size in "${SIZES_LIST[@]}"; do
    echo "== scale: $size posts"
    load "$size"
    no_request_cache "$size"
    bytes="$(curl -sf "$ES/_cat/indices/$(prefix_of "$size")posts?h=store.size&bytes=b" | awk '{ s += $1 } END { print s }')"
    SIZES="$SIZES$size:$bytes,"
    start_api "$size"
    endpoints
    capture >/dev/null
    CACHE_HITS="$(request_cache_hits "$size")"
    for name in "campaign report" "influencers"; do
      for side in ours raw; do
        DURATION=2 measure 0 warmup "$name" "$side" 4
      done
    done
    for round in $(seq 1 "$ROUNDS"); do
      if ((round % 2)); then sides=(ours raw); else sides=(raw ours); fi
      for name in "campaign report" "influencers"; do
        for side in "${sides[@]}"; do
          measure "$round" "scale:$size" "$name" "$side" 1
        done
      done
    done
    no_request_cache_hits_since "$size" "$CACHE_HITS"
  done
fi

python3 bench/api-report.py "$RESULTS" "$OUT" "$POSTS" "$ROUNDS" "$DURATION" "$LOAD_START" "$LOAD_END" "${SIZES%,}"
cat "$OUT/api-benchmark.txt"
