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
before="$(mktemp "${TMPDIR:-/tmp}/consumer-template-before-XXXXXX")"
trap 'rm -rf "$scratch" "$before"' EXIT

fail() { echo "[template] FAILED: $*" >&2; exit 1; }

# Tracked and new files as they are in the working tree (uncommitted edits included), no build output.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar -cf - --null -T - 2>/dev/null) \
	| tar -xf - -C "$scratch"
cd "$scratch"
find . -type f -print0 | sort -z | xargs -0 md5sum >"$before"
./new-consumer.sh points-service --example points
# Outside its own folder the generator changes exactly the root pom and docker-compose.yml.
changed="$(find . -path ./points-service -prune -o -type f -print0 | sort -z | xargs -0 md5sum \
	| { diff "$before" - || true; } | sed -n 's/^[<>] [0-9a-f]*  //p' | sort -u | tr '\n' ' ')"
[[ "$changed" == "./docker-compose.yml ./pom.xml " ]] \
	|| fail "outside points-service/ the generator should change pom.xml and docker-compose.yml, changed: $changed"
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

grep -q '^  points-service:$' docker-compose.yml || fail "docker-compose.yml has no service points-service"
docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml is not valid with the points-service block"

# verify includes the formatter check: generated code must be formatted as the build wants.
./mvnw -o -q -pl points-service verify || fail "points-service did not build or its tests failed"
# The deployment checks now see a fourth consumer: its compose block, scrape label, database.
./mvnw -o -q -pl pipeline-monitor verify -Dtest=DeploymentConfigTest -Dsurefire.failIfNoSpecifiedTests=false \
	|| fail "DeploymentConfigTest fails with points-service in the build"
echo "[template] points-service generated, built and tested in $((SECONDS - started)) s"
