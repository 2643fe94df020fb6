#!/usr/bin/env bash
# Runs the whole pipeline on this machine: PostgreSQL, a Kafka broker and the four services.
# Needs only a JDK 17+. Ctrl-C stops everything. ./run-local.sh --help lists the options.
set -euo pipefail
cd "$(dirname "$0")"

build=true
help=false
for arg in "$@"; do
	case "$arg" in
		--no-build) build=false ;;
		--help|-h) build=false; help=true ;;
	esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
launcher() {
	"$JAVA" -cp "local-run/target/classes:$(cat local-run/target/runtime.classpath)" \
		dev.orderpipeline.localrun.LocalRun "$@"
}

# Check FIRST (a local run already on this data directory, taken ports), build after: a build
# under a running stack replaces the classes of its services, which then fail. Without a built
# launcher nothing from this checkout can be running.
if ! $help && [[ -f local-run/target/runtime.classpath ]]; then
	launcher --check "$@" || exit $?
fi

if $build; then
	echo "[local-run] Building (./mvnw install -DskipTests) ..."
	./mvnw -q -B install -DskipTests
fi

if [[ ! -f local-run/target/runtime.classpath ]]; then
	echo "[local-run] Not built yet: run ./run-local.sh without --no-build" >&2
	exit 1
fi

exec "$JAVA" -cp "local-run/target/classes:$(cat local-run/target/runtime.classpath)" \
	dev.orderpipeline.localrun.LocalRun "$@"
