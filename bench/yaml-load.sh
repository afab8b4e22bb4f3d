#!/usr/bin/env bash
# YAML loading: our libyaml binding (YAMLTree, through the `yaml-bench` executable, compiled here with
# swiftc -O, which reads a file and builds the located tree and nothing else) against PyYAML's libyaml
# loaders (CSafeLoader, and CBaseLoader, which like ours leaves every scalar a string) on the same
# generated manifest, with
# libyaml's bare event loop (bench/yaml-load/events.c: parse to STREAM_END, count events) as the floor.
# `kfjobs validate` of the same file is shown too: parsing plus decoding, expansion and validation.
# Each tool runs once per round, in turn, for a number of rounds; medians of: the load (reading and
# parsing, no interpreter start-up) as the tool times it itself, in wall and CPU time; the whole
# process's CPU time (user + system) and wall time; its peak resident memory (/usr/bin/time %M).
#
# Usage: bench/yaml-load.sh [rounds, default 5] [megabytes, default 10]
#        bench/yaml-load.sh --quick          # 1 round over 1 MB: a smoke test
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --quick ]; then
    rounds=1 megabytes=1
else
    rounds=${1:-5}
    megabytes=${2:-10}
fi
swift build -c release --product kfjobs >/dev/null
python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else "PyYAML without libyaml: pip install --force-reinstall pyyaml")'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/yaml-events" bench/yaml-load/events.c -lyaml
# yaml-bench is compiled here, not by every `swift build`: each module whole-module optimised, as a
# release build compiles them.
. bench/lib/swiftc-module.sh
swiftc_flags=(-O -module-cache-path "$work/module-cache")
swiftc_yaml_modules "$work"
swiftc "${swiftc_flags[@]}" -I "$work/modules" -I Sources/CLibYAML bench/yaml-load/yaml-bench/main.swift \
    "$work/Portability.o" "$work/Diagnostics.o" "$work/YAMLTree.o" -o "$work/yaml-bench" -lyaml
python3 bench/yaml-load/manifest.py "$megabytes" "$work/manifest.yaml" > "$work/manifest.txt"

bin=$PWD/.build/release
declare -A commands=(
    [events]="$work/yaml-events $work/manifest.yaml"
    [yamltree]="$work/yaml-bench $work/manifest.yaml"
    [csafe]="python3 bench/yaml-load/pyyaml-load.py CSafeLoader $work/manifest.yaml"
    [cbase]="python3 bench/yaml-load/pyyaml-load.py CBaseLoader $work/manifest.yaml"
    [validate]="$bin/kfjobs validate --allow-env PURGE_TOKEN $work/manifest.yaml"
    [python]="python3 -c 'import yaml'"
)
order=(events yamltree cbase csafe validate python)
labels=([0]="libyaml event loop (C, floor)" [1]="YAMLTree (yaml-bench)" [2]="PyYAML CBaseLoader"
    [3]="PyYAML CSafeLoader" [4]="kfjobs validate (whole command)" [5]="python3 -c 'import yaml' (start-up only)")

echo "$(cat "$work/manifest.txt"); kfjobs $(git rev-parse --short HEAD); $(python3 -c 'import yaml; print("PyYAML", yaml.__version__)'); libyaml $(pkg-config --modversion yaml-0.1)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/raw.txt"
for _ in $(seq "$rounds"); do
    for tool in "${order[@]}"; do
        eval "/usr/bin/time -o '$work/time.out' -f '%e %U %S %M' ${commands[$tool]}" > "$work/out.txt" 2> "$work/err.txt" \
            || { echo "$tool failed:" >&2; cat "$work/err.txt" "$work/out.txt" >&2; exit 1; }
        read -r wall user system peak < <(tail -1 "$work/time.out")
        # The count the tool printed (events or nodes) and the load time it measured, when it did.
        count=$(grep -o '[0-9]* \(events\|nodes\)' "$work/out.txt" | head -1 | cut -d' ' -f1 || true)
        load=$(grep -o 'load [0-9.e-]*' "$work/out.txt" | cut -d' ' -f2 || true)
        cpu=$(grep -o 'cpu [0-9.e-]*' "$work/out.txt" | cut -d' ' -f2 || true)
        echo "$tool ${count:--} ${load:--} ${cpu:--} $wall $user $system $peak" >> "$work/raw.txt"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/raw.txt" "${order[@]}" -- "${labels[@]}" <<'PY'
import statistics, sys
args = sys.argv[2:]
split = args.index("--")
order, labels = args[:split], args[split + 1:]
rows = [line.split() for line in open(sys.argv[1])]
def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None
def fmt(value):
    return "-" if value is None else f"{value:.3f}"
print(f"{'tool':<42} {'nodes':>7} {'load wall s':>11} {'load CPU s':>10} {'process CPU s':>13} {'process wall s':>14} {'peak MB':>7}")
for tool, label in zip(order, labels):
    mine = [r for r in rows if r[0] == tool]
    cpu = med(float(r[5]) + float(r[6]) for r in mine)
    print(f"{label:<42} {mine[0][1]:>7} {fmt(med(r[2] for r in mine)):>11} {fmt(med(r[3] for r in mine)):>10} "
          f"{cpu:>13.2f} {med(r[4] for r in mine):>14.2f} {med(r[7] for r in mine) / 1024:>7.0f}")
print("(nodes: the tree's nodes, keys included; for the C floor, libyaml's events. load: reading and parsing,")
print(" as the tool times it itself, wall and CPU. process: user + system CPU and wall time of the whole")
print(" process, start-up included. peak: maximum resident set. Medians.)")
PY
