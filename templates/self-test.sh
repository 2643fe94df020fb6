#!/usr/bin/env bash
# The consumer template's self-test (called by ./test.sh after ./mvnw install): generates
# points-service --example points into a scratch copy of this checkout, builds and tests it
# offline against the jars already installed (its test runs on real PostgreSQL and Kafka),
# and checks that the handler README.md shows is the one generated. Leaves this checkout as
# it was. Maven settings come from MAVEN_ARGS, as for the install before it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=$SECONDS
scratch="$(mktemp -d "${TMPDIR:-/tmp}/consumer-template-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

fail() { echo "[template] FAILED: $*" >&2; exit 1; }

# Tracked and new files as they are in the working tree (uncommitted edits included), no build output.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar -cf - --null -T - 2>/dev/null) \
	| tar -xf - -C "$scratch"
cd "$scratch"
./new-consumer.sh points-service --example points
grep -q '<module>points-service</module>' pom.xml || fail "points-service is not listed in pom.xml's modules"
yml=points-service/src/main/resources/application.yml
for key in '^    name: points-service$' '^  port: [0-9]+$' '^  database-name: points$'; do
	grep -Eq "$key" "$yml" || fail "$yml lacks $key"
done

# The generated handler must be the one README.md shows between its markers.
handler=points-service/src/main/java/dev/orderpipeline/points/OrderPoints.java
sed -n '/<!-- consumer-template:points-handler -->/,/<!-- \/consumer-template:points-handler -->/p' README.md \
	| sed -e '1,2d' -e '$d' | sed -e '$d' >"$scratch/readme-handler.java"
[[ -s "$scratch/readme-handler.java" ]] || fail "README.md has no points-handler block between its markers"
diff -u "$scratch/readme-handler.java" "$handler" \
	|| fail "README.md's handler differs from the template's (templates/consumer-service/examples/points)"

# verify includes the formatter check: generated code must be formatted as the build wants.
./mvnw -o -q -pl points-service verify || fail "points-service did not build or its tests failed"
echo "[template] points-service generated, built and tested in $((SECONDS - started)) s"
