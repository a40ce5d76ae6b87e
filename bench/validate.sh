#!/usr/bin/env bash
# Prints what validation costs (issue 3): example in a cold JVM, and ~1,000 rendered resources;
# plus `meshgen render` of example end to end (cold JVM, includes validation).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
[ -f target/meshgen.jar ] || mvn -B -q package -DskipTests
java -cp "target/classes:target/test-classes:$(cat target/classpath.txt)" dev.meshgen.bench.ValidationBenchmark .
out=$(mktemp -d)
for i in 1 2 3; do
  /usr/bin/time -f "meshgen render --env example (cold JVM, with validation): %e s, %M KiB max RSS" \
    java -jar target/meshgen.jar render --env example --out "$out/$i" >/dev/null
done
rm -rf "$out"
