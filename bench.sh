#!/usr/bin/env bash
# Runs a benchmark against the local stack (start it first with ./run-local.sh).
#   ./bench.sh placement [--rates=500,1000] [--duration=30] [--ramp=true] [--p99-target-ms=25]
set -euo pipefail
cd "$(dirname "$0")"
scenario="${1:-placement}"
shift || true
if [[ ! -f benchmarks/target/runtime.classpath ]]; then
	./mvnw -q -B install -DskipTests -pl benchmarks -am
fi
case "$scenario" in
	placement) main=dev.orderpipeline.bench.OrderPlacementBenchmark ;;
	*) echo "Unknown scenario $scenario (known: placement)" >&2; exit 2 ;;
esac
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)" "$main" "$@"
