#!/usr/bin/env bash
# Starts the project's own docker-compose.yml for real (everything but Kibana) and checks it from the outside:
#   - every service healthy, es-setup completed;
#   - the ingestor's documents in Elasticsearch;
#   - through nginx: the API with a key (401 without), a campaign created (Location with the published port) and
#     its report read;
#   - the healthchecks really fail when a service does not answer;
#   - one query-api replica stopped: requests still answered;
#   - `down -v` leaves no container, volume or network behind.
#
# With a Docker engine (`docker info` answers) it uses that engine and the official images. Without one (our
# machines, CI) it installs Debian's podman and docker-compose 1.29, runs `podman system service` as the
# Docker-compatible socket, builds stand-ins for the base images that cannot be pulled (stack-tests/compose/stand-in/,
# tagged with the names the Dockerfile and docker-compose.yml use), and adds the test override
# stack-tests/compose/docker-compose.stand-in.yml. Everything it starts is removed at the end, pass or fail; a failure
# prints every service's log.
#
# Environment:
#   ONESTORE_STACK_ENGINE   docker | podman (default: docker when an engine answers, podman otherwise)
#   ONESTORE_HTTP_PORT      host port of nginx (default: a free port)
#   ONESTORE_STACK_STORAGE  podman only: keep images in this folder between runs (default: a temporary folder,
#                           deleted at the end, so every run builds everything from scratch like CI)
#   ONESTORE_DEBIAN_MIRROR  podman only: where debootstrap fetches the stand-ins' Debian (default deb.debian.org)
# Needs root for podman (it installs packages and runs containers as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PROJECT="${ONESTORE_STACK_PROJECT:-onestore-stacktest}"
SERVICES=(elasticsearch es-setup simulator ingestor query-api-1 query-api-2 nginx)
LONG_RUNNING=(elasticsearch simulator ingestor query-api-1 query-api-2 nginx)
API_KEY="stack-test-key"
ELASTIC_PASSWORD="stack-test-elastic"
ES_VERSION="$(sed -n 's:.*<onestore.es.version>\([0-9][0-9.]*\)</onestore.es.version>.*:\1:p' pom.xml | head -n 1)"
WORK="$(mktemp -d /var/tmp/onestore-stack.XXXXXX)"
START=$SECONDS
PODMAN_PID=""
RUNNER_PID=""
STORAGE=""

log() { printf '[compose-up %4ds] %s\n' "$((SECONDS - START))" "$*"; }
fail() { log "FAILED: $*" >&2; exit 1; }

free_port() { # a port nothing on 127.0.0.1 answers
  local port
  for port in $(shuf -i 20000-29999 -n 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  fail "no free port found"
}
HTTP_PORT="${ONESTORE_HTTP_PORT:-$(free_port)}"

# --- the engine ----------------------------------------------------------------------------------------------------

ENGINE="${ONESTORE_STACK_ENGINE:-}"
if [ -z "$ENGINE" ]; then
  if command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then ENGINE=docker; else ENGINE=podman; fi
fi

setup_podman() {
  [ "$(id -u)" = 0 ] || fail "podman mode needs root (it installs packages and runs the stack as root)"
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  [ -x /usr/lib/podman/netavark ] || missing+=(netavark aardvark-dns)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v curl >/dev/null || missing+=(curl)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      podman runc netavark aardvark-dns docker-compose debootstrap curl >"$WORK/apt.log" 2>&1 ||
      { cat "$WORK/apt.log" >&2; fail "could not install podman and its tools"; }
  fi
  # netavark's firewall chains stay after its last network goes; remove them at the end unless they were here before.
  NETAVARK_CHAINS_BEFORE="$(iptables -t nat -S 2>/dev/null | grep -c '^-N NETAVARK' || true)"
  STORAGE="${ONESTORE_STACK_STORAGE:-$WORK/storage}"
  mkdir -p "$STORAGE" "$WORK/run" "$WORK/tmp" "$WORK/networks"
  # crun refuses this machine's cgroup layout; runc does not. No systemd: cgroupfs, and events to a file.
  # Containers get podman's default ulimits unless told otherwise, and those exceed this machine's hard limits (runc
  # then refuses to start anything): pin them to what the machine allows.
  local nofile nproc
  nofile="$(ulimit -Hn)"; [ "$nofile" = unlimited ] && nofile=1048576
  nproc="$(ulimit -Hu)"; [ "$nproc" = unlimited ] && nproc=4194304
  [ "$nproc" -gt "$(cat /proc/sys/kernel/pid_max)" ] && nproc="$(cat /proc/sys/kernel/pid_max)"
  NPROC="$nproc"
  cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
tmp_dir = "$WORK/libpod"
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$WORK/events.log"
[network]
network_backend = "netavark"
network_config_dir = "$WORK/networks"
EOF
  cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$STORAGE"
runroot = "$WORK/run"
EOF
  export CONTAINERS_CONF="$WORK/containers.conf" CONTAINERS_STORAGE_CONF="$WORK/storage.conf" TMPDIR="$WORK/tmp"
  # Image builds run inside this service: it gets the lower CPU priority (the machine is shared).
  # BUILDAH_FORMAT=docker: images keep their HEALTHCHECK as with Docker (the OCI format has no such field).
  BUILDAH_FORMAT=docker nice -n 10 podman system service --time=0 "unix://$WORK/podman.sock" >"$WORK/podman-service.log" 2>&1 &
  PODMAN_PID=$!
  for _ in $(seq 1 50); do [ -S "$WORK/podman.sock" ] && break; sleep 0.2; done
  [ -S "$WORK/podman.sock" ] || { cat "$WORK/podman-service.log" >&2; fail "podman system service did not start"; }
  export DOCKER_HOST="unix://$WORK/podman.sock"
  # podman 4.3 schedules healthchecks with systemd timers; without systemd nothing runs them. This loop does, for the
  # project's containers (the check's own start period and retries still apply).
  (
    while sleep 5; do
      for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
        podman healthcheck run "$id" >/dev/null 2>&1 || true
      done
    done
  ) &
  RUNNER_PID=$!
  build_stand_ins
}

# The official base images, rebuilt from what this machine can reach: a Debian rootfs (debootstrap) with OpenJDK 17
# as eclipse-temurin:17-jdk and -jre, Debian's nginx as nginx:1.28-alpine, the Elasticsearch distribution Maven
# fetches as docker.elastic.co/elasticsearch/elasticsearch.
build_stand_ins() {
  local base=onestore-stand-in/debian-jdk:17 t0=$SECONDS
  if ! podman image exists "$base"; then
    local suite mirror="${ONESTORE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
    suite="$(. /etc/os-release 2>/dev/null && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}")"
    log "debootstrap ${suite:=bookworm} from $mirror (the stand-in base images)"
    nice -n 10 debootstrap --variant=minbase \
      --include=openjdk-17-jdk-headless,ca-certificates,curl,wget,unzip,procps,gettext-base,nginx-light \
      "$suite" "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 ||
      { tail -n 30 "$WORK/debootstrap.log" >&2; fail "debootstrap failed"; }
    rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
    # The machine's own trust store (and Java's), so that whatever TLS this machine trusts (a company proxy's CA, say)
    # is trusted by the image builds' downloads too.
    cp /etc/ssl/certs/ca-certificates.crt "$WORK/rootfs/etc/ssl/certs/ca-certificates.crt"
    [ -f /etc/ssl/certs/java/cacerts ] && cp /etc/ssl/certs/java/cacerts "$WORK/rootfs/etc/ssl/certs/java/cacerts"
    tar -C "$WORK/rootfs" -c . | podman import --change 'CMD ["bash"]' - "$base" >/dev/null
    rm -rf "$WORK/rootfs"
  fi
  podman tag "$base" docker.io/library/eclipse-temurin:17-jdk docker.io/library/eclipse-temurin:17-jre
  if ! podman image exists docker.io/library/nginx:1.28-alpine; then
    nice -n 10 podman build -q -t docker.io/library/nginx:1.28-alpine stack-tests/compose/stand-in/nginx >/dev/null
  fi
  local es_image="docker.elastic.co/elasticsearch/elasticsearch:$ES_VERSION"
  if ! podman image exists "$es_image"; then
    local zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
    [ -f "$zip" ] || ./mvnw -B -q dependency:get -Dtransitive=false \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
    cp -r stack-tests/compose/stand-in/elasticsearch "$WORK/es-context"
    cp "$zip" "$WORK/es-context/elasticsearch.zip"
    nice -n 10 podman build -q -t "$es_image" "$WORK/es-context" >/dev/null
    rm -rf "$WORK/es-context"
  fi
  TIMES+=("stand-in base images: $((SECONDS - t0)) s")
}

remove_netavark_chains() {
  local table rule chain
  for table in nat filter; do
    iptables -t "$table" -S 2>/dev/null | grep -E '^-A [A-Z]+ .*-j NETAVARK' | grep -Ev '^-A NETAVARK' |
      sed 's/^-A/-D/' | while read -r rule; do eval "iptables -t $table $rule"; done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N NETAVARK/ {print $2}'); do
      iptables -t "$table" -F "$chain"
    done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N NETAVARK/ {print $2}'); do
      iptables -t "$table" -X "$chain"
    done
  done
}

# --- compose -------------------------------------------------------------------------------------------------------

COMPOSE_FILES=(-f docker-compose.yml)
compose() { "${COMPOSE[@]}" -p "$PROJECT" "${COMPOSE_FILES[@]}" "$@"; }
engine() { if [ "$ENGINE" = podman ]; then podman "$@"; else docker "$@"; fi; }
container() { compose ps -q "$1" 2>/dev/null | head -n 1; }
health() { engine inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null || echo none; }

diagnostics() {
  log "--- diagnostics: compose ps"
  compose ps -a 2>&1 || true
  local service id
  for service in "${SERVICES[@]}"; do
    id="$(container "$service")"
    [ -n "$id" ] || continue
    log "--- logs of $service (last 150 lines)"
    engine logs --tail 150 "$id" 2>&1 || true
    log "--- health of $service"
    engine inspect -f '{{json .State.Health}}' "$id" 2>&1 || true
  done
  if [ -n "$PODMAN_PID" ]; then
    log "--- podman system service (last 40 lines)"
    tail -n 40 "$WORK/podman-service.log" >&2 || true
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if [ "$status" != 0 ] && [ -n "${COMPOSE:-}" ]; then diagnostics; fi
  if [ -n "${COMPOSE:-}" ] && [ -z "${DOWN_DONE:-}" ]; then
    compose down -v --remove-orphans -t 5 >/dev/null 2>&1
  fi
  if [ -n "$RUNNER_PID" ]; then kill "$RUNNER_PID" 2>/dev/null; wait "$RUNNER_PID" 2>/dev/null; fi
  if [ -n "$PODMAN_PID" ]; then
    # Whatever the service still runs (a failed build's container) goes with it.
    podman ps -aq --filter "label=com.docker.compose.project=$PROJECT" | xargs -r podman rm -f -t 2 >/dev/null 2>&1
    kill "$PODMAN_PID" 2>/dev/null; wait "$PODMAN_PID" 2>/dev/null
    # conmon processes of exec sessions (healthchecks) cut short by the teardown outlive the service: only ours, found
    # by the storage path on their command line.
    for pid in $(pgrep -f -- "$STORAGE/" || true); do kill "$pid" 2>/dev/null; done
    if [ -z "${ONESTORE_STACK_STORAGE:-}" ]; then
      podman system reset -f >/dev/null 2>&1
    fi
    [ "${NETAVARK_CHAINS_BEFORE:-1}" = 0 ] && remove_netavark_chains >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  log "cleaned up (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TIMES=()
log "engine: $ENGINE, project $PROJECT, nginx on 127.0.0.1:$HTTP_PORT"
if [ "$ENGINE" = podman ]; then
  setup_podman
  COMPOSE=(docker-compose)
  # docker-compose.yml's Elasticsearch ulimits (nofile 65536) may exceed this machine's hard limits, and a container
  # with ulimits of its own loses podman's defaults pinned above: cap them here, nproc included.
  nofile="$(ulimit -Hn)"; { [ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ]; } && nofile=65536
  printf 'services:\n  elasticsearch:\n    ulimits:\n      nofile: {soft: %s, hard: %s}\n      nproc: %s\n' \
    "$nofile" "$nofile" "$NPROC" >"$WORK/ulimits.yml"
  COMPOSE_FILES+=(-f stack-tests/compose/docker-compose.stand-in.yml -f "$WORK/ulimits.yml")
else
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
fi
export COMPOSE_HTTP_TIMEOUT=600
if [ "$ENGINE" = podman ]; then
  # docker-compose 1.29 builds through the engine's API, which podman serves (its builder knows RUN --mount too).
  export COMPOSE_DOCKER_CLI_BUILD=0 DOCKER_BUILDKIT=0
else
  # The Dockerfile's cache mount needs BuildKit (Compose v2 uses it anyway).
  export COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1
fi
export ONESTORE_HTTP_PORT="$HTTP_PORT" ONESTORE_API_KEYS="$API_KEY" ELASTIC_PASSWORD
export ONESTORE_INGEST_INTERVAL=20s

t0=$SECONDS
log "building the images (docker-compose.yml's build sections, one Dockerfile)"
if ! compose build simulator ingestor query-api-1 query-api-2 >"$WORK/build.log" 2>&1; then
  tail -n 60 "$WORK/build.log" >&2
  fail "the image build failed"
fi
TIMES+=("image build: $((SECONDS - t0)) s")

t0=$SECONDS
log "up: ${SERVICES[*]}"
timeout 900 "${COMPOSE[@]}" -p "$PROJECT" "${COMPOSE_FILES[@]}" up -d --no-build "${SERVICES[@]}" ||
  fail "docker-compose up did not bring the stack up"
for service in "${LONG_RUNNING[@]}"; do
  for _ in $(seq 1 120); do
    [ "$(health "$(container "$service")")" = healthy ] && break
    sleep 2
  done
  [ "$(health "$(container "$service")")" = healthy ] || fail "$service is not healthy: $(health "$(container "$service")")"
done
setup_exit="$(engine inspect -f '{{.State.ExitCode}}' "$(container es-setup)")"
[ "$setup_exit" = 0 ] || fail "es-setup exited with $setup_exit"
TIMES+=("stack start to all healthy: $((SECONDS - t0)) s")
log "every service healthy, es-setup done"

# --- checks --------------------------------------------------------------------------------------------------------

es_count() {
  compose exec -T elasticsearch curl -s -u "elastic:$ELASTIC_PASSWORD" "http://localhost:9200/$1/_count" |
    sed -n 's/.*"count":\([0-9]*\).*/\1/p'
}
posts=0
for _ in $(seq 1 60); do
  posts="$(es_count onestore-posts || true)"
  [ "${posts:-0}" -gt 0 ] 2>/dev/null && break
  sleep 3
done
[ "${posts:-0}" -gt 0 ] 2>/dev/null || fail "no post of the ingestor reached Elasticsearch"
log "Elasticsearch holds $posts posts and $(es_count onestore-tag-snapshots) tag snapshots from the ingestor"

API="http://127.0.0.1:$HTTP_PORT"
code() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
[ "$(code "$API/api/v1/campaigns")" = 401 ] || fail "the API answered without a key: $(cat "$WORK/body")"
[ "$(code -H "X-API-Key: $API_KEY" "$API/api/v1/campaigns")" = 200 ] || fail "GET campaigns: $(cat "$WORK/body")"
start="$(date -u -d '1 day ago' +%Y-%m-%dT00:00:00Z)"
curl -s -D "$WORK/headers" -o "$WORK/body" -X POST "$API/api/v1/campaigns" -H "X-API-Key: $API_KEY" \
  -H 'Content-Type: application/json' -d "{\"name\":\"Stack test\",\"hashtags\":[\"puma\"],\"start\":\"$start\"}"
grep -q '^HTTP/1.1 201' "$WORK/headers" || fail "POST campaign: $(cat "$WORK/headers" "$WORK/body")"
location="$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$WORK/headers")"
[[ "$location" == "$API/api/v1/campaigns/"* ]] ||
  fail "Location '$location' is not under $API (nginx must pass the host with its port)"
[ "$(code -H "X-API-Key: $API_KEY" "$location/report?interval=1h")" = 200 ] ||
  fail "the campaign report: $(cat "$WORK/body")"
grep -q '"totals"' "$WORK/body" || fail "the report has no totals: $(cat "$WORK/body")"
log "through nginx: 401 without a key, 200 with it; campaign created at $location, its report read"

# The healthcheck must fail where nothing listens: the script of the query-api image, run by the engine in a
# container of that image whose entrypoint is `sleep`. (That the engine runs the compose file's exec form and that it
# passes on listening services is what "every service healthy" above already showed.)
probe="$PROJECT-healthcheck-probe"
if ! engine run -d --name "$probe" --label "com.docker.compose.project=$PROJECT" --entrypoint sleep \
  --health-cmd /usr/local/bin/onestore-healthcheck --health-interval 2s --health-retries 1 \
  "onestore/query-api:${ONESTORE_VERSION:-local}" 300 >"$WORK/probe.log" 2>&1; then
  cat "$WORK/probe.log" >&2
  fail "could not start the healthcheck probe container"
fi
results=""
for _ in $(seq 1 40); do
  if [ "$ENGINE" = podman ]; then podman healthcheck run "$probe" >/dev/null 2>&1 || true; fi
  results="$(engine inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{end}}' "$probe" 2>/dev/null || true)"
  [ -n "${results// /}" ] && break
  sleep 2
done
engine rm -f "$probe" >/dev/null 2>&1 || true
[ -n "${results// /}" ] || fail "the engine never ran the healthcheck of the probe container"
[[ " $results" != *" 0 "* ]] || fail "the Java services' healthcheck passed where nothing listens (exit codes: $results)"
log "the healthcheck fails where nothing listens (exit codes: $results) and passes on the running services"

compose stop -t 10 query-api-1 >/dev/null 2>&1 || fail "could not stop query-api-1"
answered=0
for _ in $(seq 1 20); do
  [ "$(code -H "X-API-Key: $API_KEY" "$API/api/v1/campaigns")" = 200 ] && answered=$((answered + 1))
done
[ "$answered" = 20 ] || fail "with query-api-1 stopped only $answered of 20 requests were answered"
log "query-api-1 stopped: 20 of 20 requests answered by query-api-2"

DOWN_DONE=1
compose down -v --remove-orphans -t 10 >/dev/null 2>&1 || fail "docker-compose down -v failed"
left="$(engine ps -aq --filter "label=com.docker.compose.project=$PROJECT")"
[ -z "$left" ] || fail "containers left after down -v: $left"
left="$(engine volume ls -q --filter "label=com.docker.compose.project=$PROJECT")"
[ -z "$left" ] || fail "volumes left after down -v: $left"
left="$(engine network ls --format '{{.Name}}' | grep "^${PROJECT}_" || true)"
[ -z "$left" ] || fail "networks left after down -v: $left"
log "down -v left no container, volume or network"

for line in "${TIMES[@]}"; do log "time: $line"; done
log "PASSED in $((SECONDS - START)) s"
