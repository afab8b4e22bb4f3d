#!/usr/bin/env bash
# `kfjobs validate` of the generated 10 MB manifest next to libyaml's bare event loop (the floor, issue
# 17: at most 4x its CPU and under 120 MB), for one or more builds side by side. Every tool is timed as
# a whole process (CPU = user + system, peak resident memory), the rounds interleave
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

# Timed by wait4's resource usage (microseconds): /usr/bin/time prints hundredths, truncated, which
# on a floor of 0.1 s is an error of up to a tenth. The median is the figure; the minimum, the least
# disturbed run of each, is printed beside it.
python3 - "$rounds" "$work" "$@" <<'PY'
import os, statistics, subprocess, sys
rounds, work, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
manifest = f"{work}/manifest.yaml"
tools = [("floor", [f"{work}/yaml-events", manifest])]
tools += [(f"{index}:{binary}", [binary, "validate", "--allow-env", "PURGE_TOKEN", manifest]) for index, binary in enumerate(binaries, 1)]
rows = {label: [] for label, _ in tools}
for _ in range(rounds):
    for label, command in tools:
        with open(f"{work}/err.txt", "w") as err:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
        if status != 0:
            sys.exit(f"{label} exited {os.waitstatus_to_exitcode(status)}:\n" + open(f"{work}/err.txt").read()[-2000:])
        rows[label].append((usage.ru_utime + usage.ru_stime, usage.ru_maxrss))
floor = statistics.median(cpu for cpu, _ in rows["floor"])
floor_min = min(cpu for cpu, _ in rows["floor"])
print(f"{'tool':<44} {'median CPU s':>12} {'x floor':>8} {'min CPU s':>10} {'x floor':>8} {'median peak MB':>15}")
for label, values in rows.items():
    cpu = statistics.median(v[0] for v in values)
    least = min(v[0] for v in values)
    peak = statistics.median(v[1] for v in values) / 1024
    print(f"{label:<44} {cpu:>12.3f} {cpu / floor:>8.2f} {least:>10.3f} {least / floor_min:>8.2f} {peak:>15.0f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
