#!/usr/bin/env bash
# The fault-injection suite: a workload against the local stack with two instances of every
# service and a three-broker KRaft cluster, faults injected at random from a printed seed
# (kill -9, graceful stops of a broker and of PostgreSQL, frozen processes, connections that
# drop packets, outside duplicates, reordering and poison records), recovery awaited and every
# invariant checked by pipeline-checker after each round.
#   ./fault-suite.sh            the full mode: 20 rounds, report under fault-results/<time>/
#   ./fault-suite.sh --short    3 short rounds (what ./test.sh runs)
#   ./fault-suite.sh --seed=S   replay the faults of an earlier run
# Options: --kafka-brokers=1|3 (default 3), --no-build, and the suite's own
# (--rounds=N, --round-seconds=N, --settle-seconds=N, --report-dir=DIR).
# Starts its own stack (fresh data in fault-suite/target/stack, control port 18199); the
# default ports of the local run must be free. Exit code 0: no violation in any round.
set -euo pipefail
cd "$(dirname "$0")"

build=true
brokers=3
args=()
for arg in "$@"; do
	case "$arg" in
		--no-build) build=false ;;
		--kafka-brokers=*) brokers="${arg#--kafka-brokers=}" ;;
		*) args+=("$arg") ;;
	esac
done

if $build; then
	echo "[faults] Building (./mvnw install -DskipTests) ..."
	./mvnw -q -B install -DskipTests
fi

control_port="${FAULTS_CONTROL_PORT:-18199}"
stack_dir="fault-suite/target/stack"
stack_log="fault-suite/target/stack-local-run.out"
mkdir -p fault-suite/target
stack_pid=""
stop_stack() {
	if [[ -n "$stack_pid" ]] && kill -0 "$stack_pid" 2>/dev/null; then
		echo "[faults] Stopping the local stack (pid $stack_pid) ..."
		kill "$stack_pid" 2>/dev/null || true
		wait "$stack_pid" 2>/dev/null || true
	fi
}
trap stop_stack EXIT

# notification-service's claim lease is 10 minutes by default, sized for a slow SMTP server: a
# killed sender's claimed emails wait that long for another instance. The local mail server
# answers in milliseconds, so 90 s is safe here and lets a round recover within minutes.
echo "[faults] Starting the local stack: 2 instances of every service, $brokers broker(s) (log: $stack_log) ..."
./run-local.sh --no-build --fresh --data-dir="$stack_dir" --instances=2 --kafka-brokers="$brokers" \
	--startup-timeout=480 --control-port="$control_port" \
	--service-arg=notification-service:--notifications.lease=90s >"$stack_log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 1200); do
	if grep -q "Control endpoint" "$stack_log" 2>/dev/null; then
		break
	fi
	if ! kill -0 "$stack_pid" 2>/dev/null; then
		echo "[faults] The local stack did not start:" >&2
		tail -40 "$stack_log" >&2
		exit 1
	fi
	sleep 0.5
done
grep -q "Control endpoint" "$stack_log" || { echo "[faults] The local stack was not up within 10 minutes" >&2; tail -40 "$stack_log" >&2; exit 1; }
echo "[faults] Local stack is up ($(grep -o 'UP ([0-9.]* s)' "$stack_log" | head -1))"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
status=0
"$JAVA" -Xmx1g -cp "fault-suite/target/classes:$(cat fault-suite/target/runtime.classpath)" \
	dev.orderpipeline.faults.FaultSuite --control-url="http://127.0.0.1:$control_port" ${args[@]+"${args[@]}"} || status=$?
if [[ $status -ne 0 ]]; then
	echo "[faults] Logs of the stack: $stack_dir/logs" >&2
fi
exit $status
