#!/usr/bin/env bash
# Times `meshgen publish` from a cold JVM (issue 4's speed targets) and prints the figures:
#   1. re-publishing `example` with no change            (target: under 1.5 s)
#   2. a one-property change into a repository holding 100 environments, publish --all
#      and publish --env of the changed one               (target: under 3 s)
# Usage: bench/publish.sh [runs]   (from the project root; builds target/meshgen.jar if missing)
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/target/meshgen.jar
[[ -f $jar ]] || (cd "$root" && mvn -B -q -o package -DskipTests)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seconds() { # runs "$@" quietly, prints the wall-clock seconds it took
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}
meshgen() { (cd "$work" && java -jar "$jar" publish --repo "$tmp/gitops.git" "$@" 2>/dev/null); }

work=$tmp/config
mkdir -p "$work"
cp -r "$root/environments" "$root/templates" "$root/overlays" "$work/"
git -C "$work" init -q -b main && git -C "$work" add -A \
  && git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -q -m inputs
git init -q --bare -b main "$tmp/gitops.git"

meshgen --env example >/dev/null
echo "1. re-publish example, no change (cold JVM each run):"
for i in $(seq "$runs"); do echo "   run $i: $(seconds meshgen --env example) s"; done

# Each copy on clusters of its own: two environments may not own the same objects on one cluster.
for n in $(seq -w 1 100); do
  sed "s/^    name: mgmt\$/    name: mgmt-$n/; s/^    name: cluster\([12]\)\$/    name: cluster\1-$n/" \
    "$work/environments/example.yaml" > "$work/environments/env$n.yaml"
done
meshgen --all >/dev/null
echo "   repository now holds $(git -C "$tmp/gitops.git" ls-tree -d --name-only main | wc -l) environment folders," \
  "$(git -C "$tmp/gitops.git" ls-tree -r --name-only main | wc -l) files"

toggle() { # flips one property of env042 between SIMPLE and DISABLE
  local f=$work/environments/env042.yaml
  if grep -q 'mode: SIMPLE' "$f"; then sed -i 's/mode: SIMPLE/mode: DISABLE/' "$f"; else sed -i 's/mode: DISABLE/mode: SIMPLE/' "$f"; fi
}
echo "2. one-property change in env042, repository with 101 environments:"
for i in $(seq "$runs"); do toggle; echo "   run $i: publish --all:        $(seconds meshgen --all) s"; done
for i in $(seq "$runs"); do toggle; echo "   run $i: publish --env env042: $(seconds meshgen --env env042) s"; done
echo "   commits on main: $(git -C "$tmp/gitops.git" rev-list --count main); last one touched" \
  "$(git -C "$tmp/gitops.git" show --format= --name-only main | wc -l) file(s)"
git -C "$tmp/gitops.git" fsck --strict --no-progress && echo "   git fsck: clean"
