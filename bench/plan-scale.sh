#!/usr/bin/env bash
# Planning at scale: wall time and peak memory of `kfjobs plan` from 1,000 to 100,000 concrete jobs,
# against the embedded simulator seeded with examples/fleets/generated-10k.yaml (10,000 agents, 9,990
# approved). The simulator runs in the same process, so its memory is included in the figure.
# Usage: bench/plan-scale.sh [runs per size, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
swift build -c release --product kfjobs >/dev/null
bin=.build/release/kfjobs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

manifest() { # name query matrix-size
    local values
    values=$(seq -s, 1 "$3")
    cat > "$work/$1.yaml" <<YAML
apiVersion: kfjobs/v1
kind: JobManifest
metadata: {name: scale-$1}
jobs:
  - name: refresh
    jobType: RefreshInventory
    agents: {query: '$2', expect: {max: 10000}}
    matrix: {round: [$values]}
    fields: {Target: "\${agent.ClientMachine}", Depth: "\${matrix.round}"}
YAML
}
manifest 1k 'ClientMachine -startswith "node-00"' 1
manifest 10k 'Status -eq 2' 1
manifest 50k 'Status -eq 2' 5
manifest 100k 'Status -eq 2' 10

printf "%-6s %10s %12s %14s\n" size jobs "median s" "median peak MB"
for size in 1k 10k 50k 100k; do
    times=(); mems=(); jobs=0
    for _ in $(seq "$runs"); do
        out=$( { /usr/bin/time -f "%e %M" "$bin" plan "$work/$size.yaml" --fleet examples/fleets/generated-10k.yaml \
            --ledger "$work/none.jsonl" > "$work/out.txt"; } 2>&1 | tail -1)
        times+=("${out% *}"); mems+=("${out#* }")
        jobs=$(sed -n 's/^plan for simulator: \([0-9]*\) to submit.*/\1/p' "$work/out.txt")
    done
    median_t=$(printf "%s\n" "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    median_m=$(printf "%s\n" "${mems[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf "%-6s %10s %12s %14s\n" "$size" "$jobs" "$median_t" "$(( median_m / 1024 ))"
done
