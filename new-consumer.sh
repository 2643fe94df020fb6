#!/usr/bin/env bash
# Generates a consumer service from templates/consumer-service and lists it in the root pom:
#   ./new-consumer.sh <name> [--port N] [--database D] [--example points]
# <name> is the module folder, e.g. points-service. From it, deterministically:
#   package  dev.orderpipeline.<name without -service, dashes dropped>   (points)
#   classes  <Name>Application, <Name>Handler                         (PointsApplication)
#   database <name without -service, dashes as underscores>            (points)
#   port     the next one after the highest consumer's server.port that no module uses
# --example points writes the "points per order, reversed on cancellation" handler
# (OrderPoints), its table and its test instead of the empty handler.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
template="$root/templates/consumer-service"

usage() { echo "usage: $0 <name>-service [--port N] [--database D] [--example points]" >&2; exit 2; }
(($# >= 1)) || usage
name="$1"
shift
port=""
database=""
example=""
while (($#)); do
	case "$1" in
	--port) port="${2:?--port needs a number}"; shift 2 ;;
	--database) database="${2:?--database needs a name}"; shift 2 ;;
	--example) example="${2:?--example needs a name}"; shift 2 ;;
	*) usage ;;
	esac
done

[[ "$name" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || { echo "not a module name (lower case, dashes): $name" >&2; exit 2; }
[[ ! -e "$root/$name" ]] || { echo "$name/ exists already" >&2; exit 1; }
grep -q "<module>$name</module>" "$root/pom.xml" && { echo "$name is already a module of pom.xml" >&2; exit 1; }
[[ -z "$example" || -d "$template/examples/$example" ]] || { echo "no such example: $example" >&2; exit 2; }

base="${name%-service}"
package="dev.orderpipeline.${base//-/}"
pascal=""
IFS='-' read -ra words <<<"$base"
for word in "${words[@]}"; do pascal+="${word^}"; done
application="${pascal}Application"
handler="${pascal}Handler"
database="${database:-${base//-/_}}"
[[ "$database" =~ ^[a-z][a-z0-9_]*$ ]] || { echo "not a plain database name: $database" >&2; exit 2; }

# server.port of every module's application.yml (the line "  port:" right under "server:").
module_port() {
	awk '/^server:/{s=1; next} /^[^ #]/{s=0} s && /^  port:/{print $2; exit}' "$1"
}
if [[ -z "$port" ]]; then
	used=()
	highest=0
	for yml in "$root"/*/src/main/resources/application.yml; do
		p="$(module_port "$yml")"
		[[ -n "$p" ]] || continue
		used+=("$p")
		module="$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$yml")")")")")"
		if grep -q "<artifactId>consumer-runtime</artifactId>" "$root/$module/pom.xml" && ((p > highest)); then
			highest="$p"
		fi
	done
	((highest > 0)) || { echo "no consumer's server.port found; give --port" >&2; exit 1; }
	port=$((highest + 1))
	while printf '%s\n' "${used[@]}" | grep -qx "$port"; do port=$((port + 1)); done
fi
[[ "$port" =~ ^[0-9]+$ ]] || { echo "not a port: $port" >&2; exit 2; }

package_path="${package//.//}"
substitute() {
	sed -e "s/__NAME__/$name/g" -e "s/__PACKAGE__/$package/g" -e "s/__APPLICATION__/$application/g" \
		-e "s/__HANDLER__/$handler/g" -e "s/__PORT__/$port/g" -e "s/__DATABASE__/$database/g" "$1"
}
# copy <template file> <path in the module, with placeholders>
copy() {
	local target="$1"
	target="${target//__PACKAGE_PATH__/$package_path}"
	target="${target//__APPLICATION__/$application}"
	target="${target//__HANDLER__/$handler}"
	target="${target//__DATABASE__/$database}"
	mkdir -p "$(dirname "$root/$name/$target")"
	substitute "$template/$2" >"$root/$name/$target"
}

mkdir -p "$root/$name"
(cd "$template" && find pom.xml src -type f) | while read -r file; do
	if [[ -n "$example" && ( "$file" == *__HANDLER__* || "$file" == *db/migration/* ) ]]; then
		continue
	fi
	copy "$file" "$file"
done
if [[ -n "$example" ]]; then
	for file in "$template/examples/$example/main/"*.java; do
		copy "src/main/java/__PACKAGE_PATH__/$(basename "$file")" "examples/$example/main/$(basename "$file")"
	done
	for file in "$template/examples/$example/test/"*.java; do
		copy "src/test/java/__PACKAGE_PATH__/$(basename "$file")" "examples/$example/test/$(basename "$file")"
	done
	for file in "$template/examples/$example/migration/"*.sql; do
		copy "src/main/resources/db/migration/$(basename "$file")" "examples/$example/migration/$(basename "$file")"
	done
fi

# List it in the root pom's <modules>, after the last module that depends on consumer-runtime.
last_consumer=""
while read -r module; do
	if [[ -f "$root/$module/pom.xml" ]] && grep -q "<artifactId>consumer-runtime</artifactId>" "$root/$module/pom.xml" \
		&& [[ "$module" != "$name" ]]; then
		last_consumer="$module"
	fi
done < <(sed -n 's|^[[:space:]]*<module>\(.*\)</module>.*|\1|p' "$root/pom.xml")
if [[ -n "$last_consumer" ]]; then
	sed -i "s|^\([[:space:]]*\)<module>$last_consumer</module>|&\n\1<module>$name</module>|" "$root/pom.xml"
else
	sed -i "s|^\([[:space:]]*\)</modules>|\1\t<module>$name</module>\n&|" "$root/pom.xml"
fi

# Its one docker-compose.yml block, on the x-consumer anchor, after the last consumer's block
# (the block ends at the first blank line after its "<<: *consumer").
compose="$root/docker-compose.yml"
if grep -q "^  $name:$" "$compose"; then
	echo "docker-compose.yml already has a service $name: left as it is" >&2
else
	block="$(mktemp)"
	cat >"$block" <<-BLOCK

		  $name:
		    <<: *consumer
		    build: { context: ., args: { SERVICE: $name } }
		    environment:
		      <<: *service-env
		      SPRING_DATASOURCE_URL: jdbc:postgresql://postgres:5432/$database
		    ports:
		      - "$port:8080"
	BLOCK
	last="$(grep -n '^    <<: \*consumer$' "$compose" | tail -1 | cut -d: -f1)"
	[[ -n "$last" ]] || { echo "docker-compose.yml has no consumer block to follow; add $name by hand" >&2; exit 1; }
	end="$(awk -v from="$last" 'NR > from && /^$/ {print NR - 1; exit}' "$compose")"
	sed -i "${end}r $block" "$compose"
	rm -f "$block"
fi

echo "Generated $name/ (package $package, $application, port $port, database $database${example:+, example $example}),"
echo "listed it in pom.xml's modules and added its block to docker-compose.yml."
echo "Build and test it (after ./mvnw install -DskipTests once): ./mvnw -pl $name verify"
