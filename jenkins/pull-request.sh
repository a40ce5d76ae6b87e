#!/usr/bin/env bash
# Stage "Review": render and validate every environment, then diff what they render against the
# GitOps repository's branch. Writes build/reports/{validate.json,meshgen-diff.md,meshgen-diff.txt}.
#   GITOPS_REPO    URL or path of the GitOps repository (required: Jenkins reads and pushes over this one,
#                  with the HTTPS credentials it binds, whatever URL the environments give Flux and Argo CD)
#   GITOPS_BRANCH  override every environment's gitops.branch (default: each environment's own)
#   GITOPS_PATH    override every environment's gitops.path (default: each environment's own)
#   GIT_USERNAME / GIT_PASSWORD  HTTPS credentials (Jenkins' gitUsernamePassword binding sets them)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${GITOPS_REPO:?set GITOPS_REPO to the GitOps repository URL or path}"
target_args=()
[ -n "${GITOPS_BRANCH:-}" ] && target_args+=(--branch "$GITOPS_BRANCH")
[ -n "${GITOPS_PATH:-}" ] && target_args+=(--path "$GITOPS_PATH")
mkdir -p build/reports
./meshgen validate --all --format json > build/reports/validate.json || {
  ./meshgen validate --all
  exit 1
}
# The warnings print once, from the text run below (issue 12); this run's stderr is shown only if it fails.
./meshgen diff --all --repo "$GITOPS_REPO" "${target_args[@]}" --format markdown > build/reports/meshgen-diff.md \
  2> build/reports/meshgen-diff.md.log || { cat build/reports/meshgen-diff.md.log >&2; exit 1; }
./meshgen diff --all --repo "$GITOPS_REPO" "${target_args[@]}" --format text | tee build/reports/meshgen-diff.txt
