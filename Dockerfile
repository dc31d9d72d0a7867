# syntax=docker/dockerfile:1
# The image of each of our services: one Dockerfile, the service chosen by build arguments (docker compose passes
# them; by hand, from the repository root):
#   docker build --build-arg MODULE=query-api --build-arg PORT=8080 -t onestore/query-api .
#   docker build --build-arg MODULE=ingestor-service --build-arg PORT=8081 -t onestore/ingestor-service .
#   docker build --build-arg MODULE=simulator --build-arg PORT=8090 -t onestore/simulator .
# Stage `build` compiles all three services with the Maven wrapper. It uses no build argument, so the second and third
# image reuse its cached layer instead of running Maven again. The last stage takes one service's jar, split into
# Spring Boot layers (dependencies change less often than our code, so they are their own image layers), and runs it
# on a JRE as a non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds. -am also builds test-support, whose pom pulls the Elasticsearch test
# distribution (~100 MB) into that cache once; no test runs here, CI runs them.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -pl simulator,ingestor-service,query-api -am package -Dmaven.test.skip=true -Dspotless.check.skip=true

FROM build AS layers
# simulator | ingestor-service | query-api
ARG MODULE
RUN test -n "${MODULE}" || { echo "build argument MODULE is required (simulator, ingestor-service or query-api)" >&2; exit 1; } \
 && cp "${MODULE}/target/${MODULE}"-*.jar /application.jar \
 && java -Djarmode=tools -jar /application.jar extract --layers --destination /extracted

FROM eclipse-temurin:17-jre
ARG PORT
RUN test -n "${PORT}" || { echo "build argument PORT is required (the service's HTTP port)" >&2; exit 1; } \
 && groupadd --system --gid 10001 onestore \
 && useradd --system --uid 10001 --gid onestore --home-dir /app --shell /usr/sbin/nologin onestore \
 && mkdir -p /var/lib/onestore/spool && chown -R onestore:onestore /var/lib/onestore
COPY deploy/image/healthcheck /usr/local/bin/onestore-healthcheck
WORKDIR /app
COPY --from=layers /extracted/dependencies/ ./
COPY --from=layers /extracted/spring-boot-loader/ ./
COPY --from=layers /extracted/snapshot-dependencies/ ./
COPY --from=layers /extracted/application/ ./
USER 10001:10001
# The ingestor's spool (design.md §5) lives on a named volume mounted here; the directory exists (owned by the
# service's user) so that the volume inherits its owner. The other services never write there.

ENV SERVER_PORT=${PORT}
# The readiness probe the HEALTHCHECK asks; Spring Boot enables it by itself only on Kubernetes.
ENV MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true
# The heap follows the container's memory limit (75 %), leaving room for metaspace, threads and direct buffers;
# an OutOfMemoryError ends the process so that the orchestrator restarts it instead of it limping on. After a
# collection the heap gives back what it freed beyond 30 % free, and glibc keeps two malloc arenas, not one per core
# and thread: the resident set follows what the service holds (docs/benchmarks.md, capture fan-out).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
ENV MALLOC_ARENA_MAX=2
EXPOSE ${PORT}
# Readiness, not the full /actuator/health: that one includes Elasticsearch, and an Elasticsearch outage must not
# mark every replica unhealthy (the service answers it itself with 503s). Exec form, one script: see its header.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 CMD ["/usr/local/bin/onestore-healthcheck"]
ENTRYPOINT ["java", "-jar", "application.jar"]
