#!/usr/bin/env bash
# `kfjobs validate` of the generated 10 MB manifest next to libyaml's bare event loop (the floor, issue
# 17: at most 4x its CPU and under 120 MB), for one or more builds side by side. Every tool is timed as
# a whole process by /usr/bin/time (CPU = user + system, peak resident memory), the rounds interleave
# the tools (floor, A, B, floor, A, B, ...) so that the machine's load falls on all of them alike, and
# the medians are printed with each one's ratio to the floor.
#
# The manifest reads ${env.PURGE_TOKEN}, allowed with --allow-env as bench/yaml-load.sh does.
#
# Usage: bench/validate-vs-floor.sh [ROUNDS, default 7] [MEGABYTES, default 10] BINARY...
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=7 megabytes=10
if [[ ${1:-} =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
if [[ ${1:-} =~ ^[0-9]+$ ]]; then megabytes=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: bench/validate-vs-floor.sh [ROUNDS] [MEGABYTES] BINARY..." >&2; exit 64; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/yaml-load/manifest.py "$megabytes" "$work/manifest.yaml" > /dev/null
cc -O2 -o "$work/yaml-events" bench/yaml-load/events.c -lyaml
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), kfjobs $(git rev-parse --short HEAD), manifest $(( $(stat -c %s "$work/manifest.yaml") / 1000000 )) MB, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

: > "$work/rows.txt"
measure() { # LABEL COMMAND...
    local label=$1; shift
    local code=0
    /usr/bin/time -o "$work/time.out" -f "%U %S %M" "$@" > /dev/null 2> "$work/err.txt" || code=$?
    if [ "$code" -ne 0 ]; then
        echo "$label exited $code:" >&2; tail -5 "$work/err.txt" >&2; exit 1
    fi
    echo "$label $(tail -1 "$work/time.out")" >> "$work/rows.txt"
}
for _ in $(seq "$rounds"); do
    measure floor "$work/yaml-events" "$work/manifest.yaml"
    for index in $(seq $#); do
        measure "$index:${!index}" "${!index}" validate --allow-env PURGE_TOKEN "$work/manifest.yaml"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/rows.txt" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, user, system, peak = line.split()
    rows[label].append((float(user) + float(system), int(peak)))
floor = statistics.median(cpu for cpu, _ in rows["floor"])
print(f"{'tool':<44} {'median CPU s':>12} {'x floor':>8} {'median peak MB':>15}")
for label, values in rows.items():
    cpu = statistics.median(v[0] for v in values)
    peak = statistics.median(v[1] for v in values) / 1024
    print(f"{label:<44} {cpu:>12.3f} {cpu / floor:>8.2f} {peak:>15.0f}")
PY
