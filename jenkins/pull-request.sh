#!/usr/bin/env bash
# Stage "Review": render and validate every environment, then diff what they render against the
# GitOps repository's branch. Writes build/reports/{validate.json,meshgen-diff.md,meshgen-diff.txt}.
#   GITOPS_REPO    URL or path of the GitOps repository (required)
#   GITOPS_BRANCH  branch Flux/Argo CD sync (default main)
#   GITOPS_PATH    folder of the environments in that repository (default: its root)
#   GIT_USERNAME / GIT_PASSWORD  HTTPS credentials (Jenkins' gitUsernamePassword binding sets them)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${GITOPS_REPO:?set GITOPS_REPO to the GitOps repository URL or path}"
branch="${GITOPS_BRANCH:-main}"
path_args=()
[ -n "${GITOPS_PATH:-}" ] && path_args=(--path "$GITOPS_PATH")
mkdir -p build/reports
./meshgen validate --all --format json > build/reports/validate.json || {
  ./meshgen validate --all
  exit 1
}
./meshgen diff --all --repo "$GITOPS_REPO" --branch "$branch" "${path_args[@]}" --format markdown > build/reports/meshgen-diff.md
./meshgen diff --all --repo "$GITOPS_REPO" --branch "$branch" "${path_args[@]}" --format text | tee build/reports/meshgen-diff.txt
