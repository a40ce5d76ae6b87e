#!/usr/bin/env bash
# Stage "Publish" (main only): render, validate and commit every environment to the GitOps
# repository, naming the source commit and the build; retries safely if the branch moved.
#   GITOPS_REPO, GITOPS_BRANCH, GITOPS_PATH, GIT_USERNAME / GIT_PASSWORD as in pull-request.sh
#   GIT_COMMIT  the source commit (Jenkins sets it; default: HEAD of this checkout)
#   BUILD_URL   the build (Jenkins sets it)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${GITOPS_REPO:?set GITOPS_REPO to the GitOps repository URL or path}"
args=(--all --repo "$GITOPS_REPO")
[ -n "${GITOPS_BRANCH:-}" ] && args+=(--branch "$GITOPS_BRANCH")
[ -n "${GITOPS_PATH:-}" ] && args+=(--path "$GITOPS_PATH")
[ -n "${GIT_COMMIT:-}" ] && args+=(--source-sha "$GIT_COMMIT")
[ -n "${BUILD_URL:-}" ] && args+=(--build-url "$BUILD_URL")
./meshgen publish "${args[@]}"
