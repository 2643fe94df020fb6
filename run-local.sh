#!/usr/bin/env bash
# Runs the whole pipeline on this machine: PostgreSQL, a Kafka broker and the four services.
# Needs only a JDK 17+. Ctrl-C stops everything. ./run-local.sh --help lists the options.
set -euo pipefail
cd "$(dirname "$0")"

build=true
for arg in "$@"; do
	case "$arg" in
		--no-build) build=false ;;
		--help|-h) build=false ;;
	esac
done

if $build; then
	echo "[local-run] Building (./mvnw install -DskipTests) ..."
	./mvnw -q -B install -DskipTests
fi

if [[ ! -f local-run/target/runtime.classpath ]]; then
	echo "[local-run] Not built yet: run ./run-local.sh without --no-build" >&2
	exit 1
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "local-run/target/classes:$(cat local-run/target/runtime.classpath)" \
	dev.orderpipeline.localrun.LocalRun "$@"
