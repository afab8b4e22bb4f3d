#!/usr/bin/env bash
# Planning at scale: wall time, CPU time and peak memory of `kfjobs plan` from 1,000 to 100,000 concrete
# jobs, against the embedded simulator seeded with examples/fleets/generated-10k.yaml (10,000 agents,
# 9,990 approved). The simulator runs in the same process, so its memory is included in the figure.
# Each size's row gives medians of wall time, CPU time (user + system) and peak memory; the growth
# lines give the cost per concrete job between consecutive sizes (the difference of the medians
# divided by the difference in jobs), which is what shows whether planning stays linear.
# Usage: bench/plan-scale.sh [runs per size, default 3] [sizes, default "1k 10k 50k 100k"]
#        bench/plan-scale.sh --quick        # 1 run of 1k and 10k: a smoke test
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --quick ]; then
    runs=1 sizes="1k 10k"
else
    runs=${1:-3}
    sizes=${2:-"1k 10k 50k 100k"}
fi
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

median() { printf "%s\n" "$@" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

echo "kfjobs $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/rows.txt"
for size in $sizes; do
    times=(); cpus=(); mems=(); jobs=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/time.out" -f "%e %U %S %M" "$bin" plan "$work/$size.yaml" \
            --fleet examples/fleets/generated-10k.yaml --ledger "$work/none.jsonl" > "$work/out.txt"
        read -r wall user system peak < "$work/time.out"
        times+=("$wall"); cpus+=("$(python3 -c "print(round($user + $system, 2))")"); mems+=("$peak")
        jobs=$(sed -n 's/^plan for simulator: \([0-9]*\) to submit.*/\1/p' "$work/out.txt")
    done
    echo "$size $jobs $(median "${times[@]}") $(median "${cpus[@]}") $(median "${mems[@]}")" >> "$work/rows.txt"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/rows.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
print(f"{'size':<6} {'jobs':>8} {'median s':>9} {'median CPU s':>12} {'median peak MB':>14}")
for size, jobs, wall, cpu, peak in rows:
    print(f"{size:<6} {int(jobs):>8} {float(wall):>9.2f} {float(cpu):>12.2f} {int(peak) / 1024:>14.0f}")
for (a, ja, wa, ca, pa), (b, jb, wb, cb, pb) in zip(rows, rows[1:]):
    jobs = int(jb) - int(ja)
    print(f"{a} -> {b}: +{jobs} jobs; per job {(float(wb) - float(wa)) * 1e6 / jobs:.0f} us wall, "
          f"{(float(cb) - float(ca)) * 1e6 / jobs:.0f} us CPU, {(int(pb) - int(pa)) * 1024 / jobs:.0f} bytes")
PY
