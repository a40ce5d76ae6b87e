#!/usr/bin/env bash
# Stage "Build and test": the README's test command, which also builds target/meshgen.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -Dstyle.color=never verify
