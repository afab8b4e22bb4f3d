#!/usr/bin/env bash
# Two builds of kfjobs side by side: the client CPU time per submitted job (0 ms latency), from runs
# interleaved A, B, A, B ... so that a noisy machine weighs on both alike. Each run submits 4,999
# FetchLogs jobs to a fresh standalone simulator; the plan phase's CPU, measured alone in the same
# round, is subtracted. Prints every run and the medians.
# Usage: bench/compare-builds.sh BINARY_A BINARY_B [rounds, default 9] [concurrency, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 BINARY_A BINARY_B [rounds] [concurrency]" >&2; exit 2; }
bins=("$1" "$2")
rounds=${3:-9}
conc=${4:-16}
work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cpu_seconds() { awk '{print $1 + $2}' "$1"; }
one_run() {
    local bin=$1
    "$bin" simulator --fleet examples/fleets/generated-10k.yaml --port 0 > "$work/sim.out" 2>&1 &
    sim_pid=$!
    for _ in $(seq 100); do grep -q "http://" "$work/sim.out" && break; sleep 0.05; done
    local url
    url=$(grep -o 'http://[^ ]*' "$work/sim.out" | head -1)
    rm -f "$work/ledger.jsonl"
    /usr/bin/time -o "$work/apply.time" -f "%U %S" "$bin" apply bench/manifests/fetch-logs-5k.yaml --url "$url" \
        --ledger "$work/ledger.jsonl" --concurrency "$conc" --max-jobs 10000 > "$work/apply.out" 2>/dev/null
    /usr/bin/time -o "$work/plan.time" -f "%U %S" "$bin" plan bench/manifests/fetch-logs-5k.yaml --url "$url" \
        --ledger "$work/none.jsonl" > /dev/null 2>&1
    kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
    local jobs
    jobs=$(grep -o '[0-9]* submitted' "$work/apply.out" | grep -o '[0-9]*')
    python3 -c "print(round(($(cpu_seconds "$work/apply.time") - $(cpu_seconds "$work/plan.time")) * 1e6 / $jobs))"
}

a=(); b=()
for round in $(seq "$rounds"); do
    a+=("$(one_run "${bins[0]}")")
    b+=("$(one_run "${bins[1]}")")
    echo "round $round: A ${a[-1]} us/job, B ${b[-1]} us/job"
done
median() { printf "%s\n" "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "concurrency $conc, $rounds rounds: median A $(median "${a[@]}") us/job (${bins[0]}), B $(median "${b[@]}") us/job (${bins[1]})"
