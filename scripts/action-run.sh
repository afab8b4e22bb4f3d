#!/usr/bin/env bash
# The run step of action.yml: `kfjobs KFJOBS_ARGS`, the arguments split as the shell splits words
# (quotes group, nothing is expanded or run), so `args: plan -R "my manifests"` works as typed.
set -euo pipefail
declare -a arguments=()
[ -n "${KFJOBS_ARGS//[[:space:]]/}" ] || exec kfjobs
# xargs splits on blanks and honours quotes without running anything; printf '%s\0' keeps each word.
mapfile -d '' arguments < <(printf '%s' "${KFJOBS_ARGS:-}" | xargs printf '%s\0')
exec kfjobs "${arguments[@]}"
