#!/usr/bin/env bash
# A year of ledger: CPU time (user + system) and peak memory of kfjobs's commands over big ledgers, for
# one or more builds side by side, and the Python anchor (bench/ledger-anchor.py: json.loads per line,
# the latest record per key) in the same rounds.
#
# The ledgers are generated once (bench/ledger-gen.py) under .build/ledger-bench and kept there:
# - ledger-1m.jsonl: 100 nightly runs x 5,000 FetchLogs keys (bench/manifests/ledger-5k.yaml against
#   examples/fleets/generated-10k.yaml): 1,000,100 records, about 500 MB;
# - ledger-100k.jsonl: the 99,900-job rollout (bench/manifests/rollout-100k.yaml), one run, 199,801
#   records.
# Commands timed over the 1M ledger, as issue 17 measured them (examples/fetch-logs.yaml against the
# embedded simulator's default fleet, so that planning itself costs next to nothing and the figure is
# the ledger's): plan, apply (it submits the example's 21 jobs to the sandbox), status, ledger --output
# csv, ledger compact --dry-run (builds that have it); each also over no ledger at all, which gives
# the cost of everything but the ledger. Then the re-plan of the 99,900-job rollout against
# examples/fleets/generated-10k.yaml with its ledger (every job skipped), and with none, and
# ledger --output csv of the rollout's ledger. The anchors: bench/ledger-anchor.py, and `jq -c .`
# where jq is installed.
# apply appends records and --simulate writes a state file beside the ledger: both are undone after each.
# Rounds interleave the builds (A, B, anchor, A, B, anchor, ...); medians are printed at the end.
#
# Usage: bench/ledger-scale.sh [rounds, default 3] BINARY...
#        (default binaries: /tmp/kfjobs-before-ledger if present, then .build/release/kfjobs)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
if [[ ${1:-} =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
    [ -x /tmp/kfjobs-before-ledger ] && bins+=(/tmp/kfjobs-before-ledger)
    bins+=(.build/release/kfjobs)
fi
fleet=examples/fleets/generated-10k.yaml
data=.build/ledger-bench
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The ledgers, from real plans of the manifests (keys, fingerprints, AgentIds as kfjobs computes them).
generate() { # manifest runs out
    [ -s "$3" ] && return
    "${bins[-1]}" plan "$1" --fleet "$fleet" --ledger "$work/none.jsonl" --max-jobs 1000000 --output json > "$work/plan.json"
    python3 bench/ledger-gen.py "$work/plan.json" "$2" "$3.tmp"
    mv "$3.tmp" "$3"
}
generate bench/manifests/ledger-5k.yaml 100 "$data/ledger-1m.jsonl"
generate bench/manifests/rollout-100k.yaml 1 "$data/ledger-100k.jsonl"
big=$data/ledger-1m.jsonl
rollout=$data/ledger-100k.jsonl
echo "ledgers: $(wc -l < "$big") records, $(( $(stat -c %s "$big") / 1000000 )) MB; $(wc -l < "$rollout") records, $(( $(stat -c %s "$rollout") / 1000000 )) MB"

# One measurement: NAME BINARY-INDEX COMMAND... ; appends "name label cpu peak_kb exit" to rows.txt.
measure() {
    local name=$1 label=$2; shift 2
    local code=0
    /usr/bin/time -o "$work/time.out" -f "%U %S %M" "$@" > "$work/out.txt" 2> "$work/err.txt" || code=$?
    read -r user system peak < <(tail -1 "$work/time.out")
    echo "$name $label $(python3 -c "print(round($user + $system, 3))") $peak $code" >> "$work/rows.txt"
}

size=$(stat -c %s "$big")
: > "$work/rows.txt"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), kfjobs $(git rev-parse --short HEAD), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    for index in "${!bins[@]}"; do
        bin=${bins[$index]}
        label="$index:$(basename "$bin")"
        for ledger in "$big" "$work/empty.jsonl"; do
            suffix=$([ "$ledger" = "$big" ] && echo "" || echo "(no-ledger)")
            : > "$work/empty.jsonl"
            measure "plan$suffix" "$label" "$bin" plan examples/fetch-logs.yaml --simulate --ledger "$ledger"
            measure "apply$suffix" "$label" "$bin" apply examples/fetch-logs.yaml --simulate --fresh --ledger "$ledger"
            truncate -s "$([ "$ledger" = "$big" ] && echo "$size" || echo 0)" "$ledger"; rm -f "$ledger.simulator.json" "$ledger.lock"
            measure "status$suffix" "$label" "$bin" status --simulate --fresh --ledger "$ledger"
            rm -f "$ledger.simulator.json" "$ledger.lock"
            measure "ledger-csv$suffix" "$label" "$bin" ledger --ledger "$ledger" --output csv
            if "$bin" ledger compact --help > /dev/null 2>&1; then
                measure "compact-dry-run$suffix" "$label" "$bin" ledger compact --ledger "$ledger" --dry-run
                rm -f "$ledger.lock"
            fi
        done
        measure replan-99900 "$label" "$bin" plan bench/manifests/rollout-100k.yaml --fleet "$fleet" --ledger "$rollout" --max-jobs 1000000
        measure "replan-99900(no-ledger)" "$label" "$bin" plan bench/manifests/rollout-100k.yaml --fleet "$fleet" --ledger "$work/none.jsonl" --max-jobs 1000000
        measure ledger-csv-99900 "$label" "$bin" ledger --ledger "$rollout" --output csv
    done
    measure anchor-1m python3 python3 bench/ledger-anchor.py "$big"
    # jq streaming over it (`-c .`: every record read and written back), where jq is installed.
    if command -v jq > /dev/null; then measure anchor-1m-jq jq jq -c . "$big"; fi
    echo "round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$work/rows.txt" "$data/rows-last.txt"   # every measurement, kept for a look afterwards
python3 - "$work/rows.txt" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, label, cpu, peak, code = line.split()
    rows[(name, label)].append((float(cpu), int(peak), int(code)))
print(f"{'command':<28} {'build':<28} {'median CPU s':>12} {'median peak MB':>14} {'exit':>5}")
for (name, label), values in rows.items():
    cpu = statistics.median(v[0] for v in values)
    peak = statistics.median(v[1] for v in values) / 1024
    codes = ",".join(sorted({str(v[2]) for v in values}))
    print(f"{name:<28} {label:<28} {cpu:>12.2f} {peak:>14.0f} {codes:>5}")
PY
