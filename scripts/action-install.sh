#!/bin/sh
# The install step of action.yml: kfjobs KFJOBS_VERSION from KFJOBS_BASE_URL into the runner's tool
# cache ($RUNNER_TOOL_CACHE/kfjobs/VERSION/x64, marked complete as actions/tool-cache does), reused
# when already there; its bin/ goes on $GITHUB_PATH and the version to $GITHUB_OUTPUT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
base_url=${KFJOBS_BASE_URL:-https://github.com/example/kfjobs/releases/download}
requested=${KFJOBS_VERSION:-latest}
: "${RUNNER_TOOL_CACHE:?the runner sets RUNNER_TOOL_CACHE}"
: "${GITHUB_PATH:?the runner sets GITHUB_PATH}"

version=$(sh "$here/install.sh" --base-url "$base_url" --version "$requested" --print-version)
cached=$RUNNER_TOOL_CACHE/kfjobs/$version/x64
if [ -f "$cached.complete" ] && [ -x "$cached/bin/kfjobs" ]; then
    echo "kfjobs $version found in the tool cache: $cached"
else
    rm -rf "$cached" "$cached.complete"
    sh "$here/install.sh" --base-url "$base_url" --version "$version" --prefix "$cached"
    : >"$cached.complete"
fi
echo "$cached/bin" >>"$GITHUB_PATH"
[ -z "${GITHUB_OUTPUT:-}" ] || echo "version=$version" >>"$GITHUB_OUTPUT"
