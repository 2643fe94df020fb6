#!/usr/bin/env bash
# The test command: every check this project has, on a machine with a JDK 17+ and the
# package registries. Installs what the checks need from Debian's packages if it is missing
# (chromium for the status page's browser test, promtool for the alert rules, docker-compose
# to validate docker-compose.yml, jq for Keycloak's realm file, pgbench for the benchmark's
# baseline), then runs the Java build with all its tests, which start their own PostgreSQL
# and Kafka broker, the benchmark's smoke run and the fault suite's short mode.
set -euo pipefail
cd "$(dirname "$0")"

needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v promtool >/dev/null 2>&1 || needed+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || needed+=(docker-compose)
command -v jq >/dev/null 2>&1 || needed+=(jq)
command -v pgbench >/dev/null 2>&1 || needed+=(postgresql-client)
if ((${#needed[@]})); then
	echo "[test] installing from Debian's packages: ${needed[*]}"
	sudo=""
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null 2>&1 || { echo "[test] run as root or install: ${needed[*]}" >&2; exit 1; }
		sudo="sudo"
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

# docker-compose.yml cannot be started without a Docker engine; check it is a valid Compose file.
docker-compose -f docker-compose.yml config -q
echo "[test] docker-compose.yml is valid"
# Keycloak refuses a realm file that is not JSON; what it must contain is checked by
# pipeline-monitor's DeploymentConfigTest.
for realm in deploy/keycloak/*.json; do
	jq -e '.realm and (.clients | length > 0) and (.users | length > 0)' "$realm" >/dev/null
done
echo "[test] Keycloak realm files are well-formed"
promtool check config deploy/prometheus/prometheus.yml
promtool test rules deploy/prometheus/alerts.test.yml

# install rather than verify: the same checks, and the jars the benchmark's smoke run starts.
./mvnw install

# The consumer template and the README's walk-through of it: generate a consumer into a
# temporary copy of this checkout, build it and run its tests (offline, on the jars just installed).
templates/self-test.sh

# The benchmark's smoke run: every scenario and baseline for seconds, against a local stack it
# starts itself (default ports, fresh data in benchmarks/target/stack), so the tool keeps working.
./bench.sh all --smoke --no-build

# The fault suite's short mode: 3 rounds of random faults against a stack with two instances
# of every service and three brokers, every invariant checked after each round.
./fault-suite.sh --short --no-build
