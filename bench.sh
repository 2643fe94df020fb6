#!/usr/bin/env bash
# The benchmark: every scenario and the baselines (pgbench, Kafka's ProducerPerformance, a raw
# consumer) in one run, with a Markdown + JSON report and PNG charts under bench-results/.
#   ./bench.sh all            the full run (about 25 minutes; for people)
#   ./bench.sh all --smoke    seconds per scenario (what CI runs)
# Starts its own local stack (./run-local.sh with a control endpoint, fresh data in
# benchmarks/target/stack) unless one with a control endpoint is already running.
# Options after "all" go to the benchmark (see benchmarks/README.md); --no-build skips the
# Maven build (use the jars already built).
set -euo pipefail
cd "$(dirname "$0")"

command="${1:-}"
shift || true
if [[ "$command" != "all" ]]; then
	echo "Usage: ./bench.sh all [--smoke] [--no-build] [--name=value ...]" >&2
	exit 2
fi

build=true
args=()
for arg in "$@"; do
	case "$arg" in
		--no-build) build=false ;;
		*) args+=("$arg") ;;
	esac
done

if $build; then
	echo "[bench] Building (./mvnw install -DskipTests) ..."
	./mvnw -q -B install -DskipTests
fi
command -v pgbench >/dev/null 2>&1 || { echo "[bench] pgbench is missing (Debian: apt-get install postgresql-client)" >&2; exit 1; }

control_port="${BENCH_CONTROL_PORT:-18099}"
stack_pid=""
stop_stack() {
	if [[ -n "$stack_pid" ]] && kill -0 "$stack_pid" 2>/dev/null; then
		echo "[bench] Stopping the local stack (pid $stack_pid) ..."
		kill "$stack_pid" 2>/dev/null || true
		wait "$stack_pid" 2>/dev/null || true
	fi
}
trap stop_stack EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$control_port") 2>/dev/null; then
	echo "[bench] Using the running local stack (control endpoint on port $control_port)"
else
	stack_dir="benchmarks/target/stack"
	# Outside the data directory, which --fresh deletes.
	stack_log="benchmarks/target/stack-local-run.out"
	mkdir -p benchmarks/target
	echo "[bench] Starting the local stack (log: $stack_log) ..."
	./run-local.sh --no-build --fresh --data-dir="$stack_dir" --control-port="$control_port" >"$stack_log" 2>&1 &
	stack_pid=$!
	for _ in $(seq 1 720); do
		if grep -q "Control endpoint" "$stack_log" 2>/dev/null; then
			break
		fi
		if ! kill -0 "$stack_pid" 2>/dev/null; then
			echo "[bench] The local stack did not start:" >&2
			tail -40 "$stack_log" >&2
			exit 1
		fi
		sleep 0.5
	done
	grep -q "Control endpoint" "$stack_log" || { echo "[bench] The local stack was not up within 6 minutes" >&2; tail -40 "$stack_log" >&2; exit 1; }
	echo "[bench] Local stack is up"
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
status=0
"$JAVA" -Xmx1g -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)" \
	dev.orderpipeline.bench.Benchmark --control-url="http://127.0.0.1:$control_port" ${args[@]+"${args[@]}"} || status=$?
exit $status
