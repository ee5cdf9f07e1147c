# Sourced by the benchmark scripts here, after they set HERE (this directory) and ROOT (the
# checkout). It installs the starter from this checkout first, so that a benchmark measures
# the code next to it rather than whatever an earlier build left in the local repository,
# then builds the benchmark project and sets CP to its class path.
(cd "$ROOT" && ./mvnw -q -B -pl tracking-starter -am install -DskipTests \
	&& ./mvnw -q -B -f bench/starter/pom.xml package -DskipTests)
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
