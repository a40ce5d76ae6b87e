#!/usr/bin/env bash
# meshgen's scale benchmark (issue 6). For E environments x S external services it generates
# synthetic inputs, then times whole processes (cold JVM, the ./meshgen launcher) and prints, per
# size, the median of several runs:
#   render    meshgen render --all into an empty folder (includes validation)
#   validate  meshgen validate --all
#   pub-new   meshgen publish --all into a fresh bare repository
#   pub-same  the same publish again (no change: no commit, no file rewritten)
#   pub-1     publish after changing one property of one environment
#   diff      meshgen diff --all after changing one more property
#   RSS       the largest peak resident memory of those meshgen processes
#   kustomize kubectl kustomize of every overlay meshgen wrote (what Flux and Argo CD run), on
#             all cores; ratio = (render + validate)... see "ratio" below
#   ratio     render time / kustomize time (render already includes validation)
#
# Usage: bench/run.sh [--smoke] [--runs N] [--sizes "1x1 10x10 100x10 1000x10"]
#   --smoke  one run at the smallest size; fails if any step fails (CI runs this)
# Needs: a built target/meshgen.jar (built if missing), kubectl for the kustomize column.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
sizes="1x1 1x10 10x1 10x10 100x1 100x10 1000x1 1000x10"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) runs=1; sizes="1x1"; shift ;;
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--smoke] [--runs N] [--sizes \"ExS ...\"]" >&2; exit 2 ;;
  esac
done

cd "$root"
[ -f target/meshgen.jar ] || mvn -B -q package -DskipTests
[ -f target/classpath.txt ] && [ -d target/test-classes/dev/meshgen/bench ] \
  || mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
have_kubectl=0
command -v kubectl >/dev/null 2>&1 && have_kubectl=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sha=0123456789abcdef0123456789abcdef01234567

# Runs a command, appends "seconds rss_kib" to file $1; fails the benchmark if the command fails.
# Flushes the previous step's writes first: on these machines ext4 writeback from one step would
# otherwise be charged to the next one as system time.
timed() {
  local into=$1; shift
  local log=$tmp/time.log
  sync
  if ! /usr/bin/time -o "$log" -f "%e %M" "$@" >"$tmp/out.log" 2>"$tmp/err.log"; then
    echo "bench: failed: $*" >&2
    tail -20 "$tmp/err.log" >&2
    exit 1
  fi
  cat "$log" >>"$into"
}
median() { # median of the first column of file $1
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
max_rss_mib() { cat "$@" | awk '$2 > m { m = $2 } END { printf "%d", m / 1024 }'; }
kustomize_all() { # builds every overlay under $1 with kubectl kustomize, on all cores
  find "$1" -path '*/overlays/*' -name kustomization.yaml -not -path '*/egress-sni/*' -printf '%h\n' \
    | xargs -P "$(nproc)" -n 1 sh -c 'kubectl kustomize "$0" >/dev/null'
}
mg=$root/meshgen

printf '| E envs | S services | files | render s | validate s | pub-new s | pub-same s | pub-1 s | diff s | max RSS MiB | kustomize s | render/kustomize |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for size in $sizes; do
  e=${size%x*}; s=${size#*x}
  work=$tmp/$size
  rm -rf "$work"; mkdir -p "$work"
  java -cp "$root/target/test-classes:$(cat "$root/target/classpath.txt")" dev.meshgen.bench.SyntheticEnvironments \
    "$work/environments" "$root/environments/_defaults.yaml" "$e" "$s"
  cp -r "$root/templates" "$root/overlays" "$work/"
  cd "$work"
  m=$tmp/m-$size; rm -rf "$m"; mkdir -p "$m"
  for run in $(seq "$runs"); do
    # A new output folder and repository each run: deleting the last run's ~100k files here would
    # charge the file system's deferred work to the timed steps.
    out=out-$run
    timed "$m/render" "$mg" render --all --out "$out"
    timed "$m/validate" "$mg" validate --all
    repo=gitops-$run.git
    git init -q --bare -b main "$work/$repo"
    timed "$m/pubnew" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    timed "$m/pubsame" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    grep -q '^    host: svc-0.example.com$' "$work/environments/env-0000.yaml"
    sed -i "s/^    host: svc-0.example.com\$/    host: svc-0-r$run.example.com/" "$work/environments/env-0000.yaml"
    timed "$m/pub1" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    sed -i "s/^istio: {revision: 1-16, tag: 1.16.0-solo/istio: {revision: 1-16, tag: 1.16.$run-solo/" "$work/environments/env-0000.yaml"
    timed "$m/diff" "$mg" diff --all --repo "$repo"
    # back to the generated inputs for the next run
    sed -i "s/^    host: svc-0-r$run.example.com\$/    host: svc-0.example.com/; s/tag: 1.16.$run-solo/tag: 1.16.0-solo/" \
      "$work/environments/env-0000.yaml"
    if [ "$have_kubectl" = 1 ]; then
      sync
      start=$(date +%s%N)
      kustomize_all "$work/$out"
      end=$(date +%s%N)
      awk -v ns=$((end - start)) 'BEGIN { printf "%.2f 0\n", ns / 1e9 }' >>"$m/kustomize"
    fi
  done
  cd "$root"
  files=$(find "$work/out-1" -type f | wc -l)
  k=$( [ "$have_kubectl" = 1 ] && median "$m/kustomize" || echo "-")
  ratio=$( [ "$have_kubectl" = 1 ] && awk -v r="$(median "$m/render")" -v k="$k" 'BEGIN { printf "%.2f", r / k }' || echo "-")
  rm -rf "$work"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$e" "$s" "$files" \
    "$(median "$m/render")" "$(median "$m/validate")" "$(median "$m/pubnew")" "$(median "$m/pubsame")" \
    "$(median "$m/pub1")" "$(median "$m/diff")" \
    "$(max_rss_mib "$m/render" "$m/validate" "$m/pubnew" "$m/pubsame" "$m/pub1" "$m/diff")" "$k" "$ratio"
done
echo
echo "median of $runs run(s) each; whole processes from a cold JVM on $(nproc) cores; $(java -version 2>&1 | head -1)"
