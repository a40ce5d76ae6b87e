#!/usr/bin/env bash
# meshgen's benchmark (issues 6 and 14). Times whole processes (a cold JVM through the ./meshgen
# launcher, as users run it) with /usr/bin/time and prints medians of several runs, each figure as
# wall seconds and CPU seconds (user + system), then the ratios issue 14's goals name.
#
# 1. Cold single environment: `meshgen render --env example` into a new folder, from a copy of
#    the project's environments/, templates/ and overlays/, against `kubectl kustomize` of the 3
#    overlays it wrote (mgmt, local, remote, one after another), alternating the two.
# 2. One row per size. A size names generated inputs (see inputs() below); per run:
#    render    meshgen render --all into a new folder (includes validation)
#    floor     the same files, same bytes, written with plain Files.write into a new folder by
#              dev.meshgen.bench.WriteFloor (environments in parallel, as meshgen writes them);
#              timed inside that program, writes only: the floor for render's writing
#    validate  meshgen validate --all
#    pub-new   meshgen publish --all into a new bare repository
#    pub-same  the same publish again (no change: no commit, no file rewritten)
#    pub-1     publish --all after changing one property of one environment
#    pub-env   publish --env <that environment> after changing one more property of it alone
#    diff      meshgen diff --all after changing one more property
#    RSS       the largest peak resident memory of those meshgen processes
#    kustomize kubectl kustomize of every overlay meshgen wrote (what Flux and Argo CD run), on
#              all cores
#
# Usage: bench/run.sh [--smoke] [--runs N] [--sizes "1x1 10x10 100x10 1000x10 fleet50x20"]
#   --smoke  one run of the cold case and the smallest size; fails if any step fails (CI runs this)
# Needs: target/meshgen.jar (built if missing), the test classes; kubectl for the kustomize figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
sizes="1x1 1x10 10x1 10x10 100x1 100x10 1000x1 1000x10 fleet50x20"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) runs=1; sizes="1x1 fleet2x1"; shift ;;
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--smoke] [--runs N] [--sizes \"ExS ...\"]" >&2; exit 2 ;;
  esac
done

cd "$root"
[ -f target/meshgen.jar ] || mvn -B -q package -DskipTests
[ -f target/classpath.txt ] && [ -f target/test-classes/dev/meshgen/bench/WriteFloor.class ] \
  || mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
test_cp="$root/target/test-classes:$(cat "$root/target/classpath.txt")"
have_kubectl=0
command -v kubectl >/dev/null 2>&1 && have_kubectl=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sha=0123456789abcdef0123456789abcdef01234567
mg=$root/meshgen

# Runs a command, appends "wall_s cpu_s rss_kib" to file $1; fails the benchmark if the command
# fails. Flushes the previous step's writes first: on these machines ext4 writeback from one step
# would otherwise be charged to the next one as system time.
timed() {
  local into=$1; shift
  local log=$tmp/time.log
  sync
  if ! /usr/bin/time -o "$log" -f "%e %U %S %M" "$@" >"$tmp/out.log" 2>"$tmp/err.log"; then
    echo "bench: failed: $*" >&2
    tail -20 "$tmp/err.log" >&2
    exit 1
  fi
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$log" >>"$into"
}
median() { # median of column $2 (default 1) of file $1, or "-"
  [ -s "$1" ] || { printf -- -; return; }
  awk -v c="${2:-1}" '{ print $c }' "$1" | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
wc2() { printf '%s / %s' "$(median "$1" 1)" "$(median "$1" 2)"; } # "wall / cpu"
ratio() { # $1 / $2, or "-" when either is missing
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) printf "-"; else printf "%.2f", a / b }'
}
max_rss_mib() { cat "$@" | awk '$3 > m { m = $3 } END { printf "%d", m / 1024 }'; }
kustomize_all() { # builds, with kubectl kustomize on all cores, every folder under $1 that a cluster's entry
  # point syncs: each environment's overlays/<role>, or for a fleet overlays/mgmt and clusters/<name>
  { find "$1" -mindepth 4 -maxdepth 4 -path '*/overlays/*' -name kustomization.yaml -printf '%h\n' \
      | while read -r d; do [ -d "$(dirname "$(dirname "$d")")/clusters" ] && [ "${d##*/}" != mgmt ] || echo "$d"; done
    find "$1" -mindepth 4 -maxdepth 4 -path '*/clusters/*' -name kustomization.yaml -printf '%h\n'
  } | xargs -P "$(nproc)" -n 1 sh -c 'kubectl kustomize "$0" >/dev/null'
}
export -f kustomize_all

# --- 1. The cold single environment, against kustomize of its overlays -------------------------
work=$tmp/example
mkdir -p "$work"
cp -r "$root/environments" "$root/templates" "$root/overlays" "$work/"
cd "$work"
m=$tmp/m-example; mkdir -p "$m"
# Untimed: the launcher's first run of a jar records its class-data archive; the runs below use it.
"$mg" render --env example --out warm >/dev/null 2>"$tmp/err.log" \
  || { echo "bench: failed: meshgen render --env example" >&2; tail -20 "$tmp/err.log" >&2; exit 1; }
for run in $(seq "$runs"); do
  timed "$m/render" "$mg" render --env example --out "out-$run"
  if [ "$have_kubectl" = 1 ]; then
    timed "$m/kustomize" sh -c 'for r in mgmt local remote; do kubectl kustomize "$0/example/overlays/$r" >/dev/null || exit 1; done' \
      "$work/out-$run"
  fi
done
cd "$root"
cold_cpu=$(ratio "$(median "$m/render" 2)" "$(median "$m/kustomize" 2)")
cold_wall=$(ratio "$(median "$m/render" 1)" "$(median "$m/kustomize" 1)")
printf '| cold, 1 environment | wall / CPU s | peak RSS MiB |\n|---|---:|---:|\n'
printf '| `meshgen render --env example` | %s | %s |\n' "$(wc2 "$m/render")" "$(max_rss_mib "$m/render")"
printf '| `kubectl kustomize` of its 3 overlays | %s | %s |\n' "$(wc2 "$m/kustomize")" "$(max_rss_mib "$m/kustomize")"
echo
rm -rf "$work"

# --- 2. One row per size ----------------------------------------------------------------------
# Writes one size's inputs into $2 (environments/, templates/, overlays/) and sets `changed`, the
# environment whose property file edit_changed() edits. A size is a row of the table:
#   ExS  E synthetic environments with S external services each (SyntheticEnvironments)
#   fleetCxS  one fleet environment: 1 mgmt + C workload clusters (regions of 10: one egress
#             cluster, nine remote) with S external services (SyntheticEnvironments fleet); its
#             kustomize figure builds overlays/mgmt and every clusters/<name>, what Flux and Argo run
inputs() {
  case "$1" in
    [0-9]*x[0-9]*)
      java -cp "$test_cp" dev.meshgen.bench.SyntheticEnvironments \
        "$2/environments" "$root/environments/_defaults.yaml" "${1%x*}" "${1#*x}"
      changed=env-0000 ;;
    fleet[0-9]*x[0-9]*) # one fleet (issue 13): 1 mgmt + C workload clusters x S services
      local size=${1#fleet}
      java -cp "$test_cp" dev.meshgen.bench.SyntheticEnvironments fleet \
        "$2/environments" "$root/environments/_defaults.yaml" "${size%x*}" "${size#*x}"
      changed=fleet ;;
    *) echo "bench: unknown size '$1'" >&2; exit 2 ;;
  esac
  cp -r "$root/templates" "$root/overlays" "$2/"
}
# Sets the first external service's host in the changed environment: a one-property change.
edit_changed() {
  local f=$work/environments/$changed.yaml
  grep -q '^    host: svc-0\(-[a-z0-9]*\)\?\.example\.com$' "$f"
  sed -i "s/^    host: svc-0\(-[a-z0-9]*\)\?\.example\.com\$/    host: svc-0$1.example.com/" "$f"
}

printf '| size | files | render s | floor s | validate s | pub-new s | pub-same s | pub-1 s | pub-env s | diff s | max RSS MiB | kustomize s | render/kustomize CPU | render/floor |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
goals=$tmp/goals
: >"$goals"
for size in $sizes; do
  work=$tmp/$size
  rm -rf "$work"; mkdir -p "$work"
  inputs "$size" "$work"
  cd "$work"
  m=$tmp/m-$size; rm -rf "$m"; mkdir -p "$m"
  for run in $(seq "$runs"); do
    # A new output folder and repository each run: deleting the last run's ~100k files here would
    # charge the file system's deferred work to the timed steps.
    out=out-$run
    timed "$m/render" "$mg" render --all --out "$out"
    sync
    java -cp "$test_cp" dev.meshgen.bench.WriteFloor "$out" "floor-$run" | awk '{ print $1, 0, 0 }' >>"$m/floor"
    timed "$m/validate" "$mg" validate --all
    repo=gitops-$run.git
    git init -q --bare -b main "$work/$repo"
    timed "$m/pubnew" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    timed "$m/pubsame" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    edit_changed "-a$run"
    timed "$m/pub1" "$mg" publish --all --repo "$repo" --source-sha "$sha"
    edit_changed "-e$run"
    timed "$m/pubenv" "$mg" publish --env "$changed" --repo "$repo" --source-sha "$sha"
    edit_changed "-d$run"
    timed "$m/diff" "$mg" diff --all --repo "$repo"
    edit_changed "" # back to the generated inputs for the next run
    if [ "$have_kubectl" = 1 ]; then
      timed "$m/kustomize" bash -c 'kustomize_all "$0"' "$work/$out"
    fi
  done
  cd "$root"
  files=$(find "$work/out-1" -type f | wc -l)
  rm -rf "$work"
  render_cpu_k=$(ratio "$(median "$m/render" 2)" "$(median "$m/kustomize" 2)")
  render_floor=$(ratio "$(median "$m/render")" "$(median "$m/floor")")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$files" \
    "$(wc2 "$m/render")" "$(median "$m/floor")" "$(wc2 "$m/validate")" "$(wc2 "$m/pubnew")" \
    "$(wc2 "$m/pubsame")" "$(wc2 "$m/pub1")" "$(wc2 "$m/pubenv")" "$(wc2 "$m/diff")" \
    "$(max_rss_mib "$m/render" "$m/validate" "$m/pubnew" "$m/pubsame" "$m/pub1" "$m/pubenv" "$m/diff")" \
    "$(wc2 "$m/kustomize")" "$render_cpu_k" "$render_floor"
  case "$size" in
    100x10) printf '| 100x10 render / kustomize (CPU) | %s | <= 0.1 |\n' "$render_cpu_k" >>"$goals"
            printf '| 100x10 publish --all after one change / publish --env of that one (wall; CPU) | %s; %s | <= 1.5 |\n' \
              "$(ratio "$(median "$m/pub1")" "$(median "$m/pubenv")")" \
              "$(ratio "$(median "$m/pub1" 2)" "$(median "$m/pubenv" 2)")" >>"$goals" ;;
    fleet50x20) printf '| fleet of 50 clusters x 20 services: render wall / CPU s; render / kustomize (CPU) | %s; %s | seconds |\n' \
               "$(wc2 "$m/render")" "$render_cpu_k" >>"$goals" ;;
    1000x10) printf '| 1000x10 render: wall s, peak RSS MiB | %s, %s | < 30, < 1024 |\n' \
               "$(median "$m/render")" "$(max_rss_mib "$m/render")" >>"$goals"
             printf '| 1000x10 render / write floor (wall) | %s | - |\n' "$render_floor" >>"$goals" ;;
  esac
done

echo
echo "| issue 14's goals | measured | goal |"
echo "|---|---:|---:|"
printf '| cold example / kustomize of its 3 overlays (CPU; wall) | %s; %s | <= 2 (CPU) |\n' "$cold_cpu" "$cold_wall"
cat "$goals"
echo
echo "Cells with two figures are wall / CPU seconds (user + system); floor is wall seconds of the writes."
echo "Median of $runs run(s) each; whole processes from a cold JVM on $(nproc) cores; $(java -version 2>&1 | head -1)"
[ "$have_kubectl" = 1 ] || echo "kubectl is not on PATH: no kustomize figures."
