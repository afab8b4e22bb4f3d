#!/usr/bin/env bash
# Submission throughput of `kfjobs apply` against a standalone simulator (a separate process, so the
# client's CPU time is its own): jobs/s and the ratio to the ideal concurrency / latency, and client
# CPU time per job, for each latency and concurrency. 4,999 FetchLogs jobs over the generated fleet.
# Usage: [KFJOBS_BIN=binary] bench/apply-throughput.sh [runs, default 3] [latencies ms, default "0 5 20"] [concurrencies, default "1 16 50 100"]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
latencies=${2:-"0 5 20"}
concurrencies=${3:-"1 16 50 100"}
# KFJOBS_BIN=path compares another build (e.g. a copy made before a change) under the same conditions.
if [ -z "${KFJOBS_BIN:-}" ]; then swift build -c release --product kfjobs >/dev/null; fi
bin=${KFJOBS_BIN:-$PWD/.build/release/kfjobs}
work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT


printf "%-8s %-5s %7s %9s %8s %12s\n" latency conc jobs "jobs/s" "ideal" "cpu us/job"
for latency in $latencies; do
    fleet="$work/fleet-$latency.yaml"
    cp examples/fleets/generated-10k.yaml "$fleet"
    [ "$latency" != 0 ] && printf "faults:\n  latency: %sms\n" "$latency" >> "$fleet"
    for conc in $concurrencies; do
        # A slow, unparallel combination would take minutes without saying more: skip it.
        if [ "$latency" != 0 ] && [ "$conc" = 1 ] && [ "$latency" -gt 5 ]; then continue; fi
        rates=(); cpus=()
        for _ in $(seq "$runs"); do
            "$bin" simulator --fleet "$fleet" --port 0 > "$work/sim.out" 2>&1 &
            sim_pid=$!
            for _ in $(seq 100); do grep -q "http://" "$work/sim.out" && break; sleep 0.05; done
            url=$(grep -o 'http://[^ ]*' "$work/sim.out" | head -1)
            rm -f "$work/ledger.jsonl"
            /usr/bin/time -o "$work/time.out" -f "%U %S" "$bin" apply bench/manifests/fetch-logs-5k.yaml --url "$url" --ledger "$work/ledger.jsonl" \
                --concurrency "$conc" --max-jobs 10000 > "$work/apply.out" 2>/dev/null
            out=$(tail -1 "$work/time.out")
            # The plan phase's CPU, measured alone, is subtracted: this is the CPU of submitting.
            /usr/bin/time -o "$work/time.out" -f "%U %S" "$bin" plan bench/manifests/fetch-logs-5k.yaml --url "$url" --ledger "$work/none.jsonl" > /dev/null 2>&1
            plan_cpu=$(tail -1 "$work/time.out")
            kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
            jobs=$(grep -o '[0-9]* submitted' "$work/apply.out" | grep -o '[0-9]*')
            # Submission only: the plan phase is timed separately (bench/plan-scale.sh), so the rate
            # counts from the ledger's first intent to its last outcome.
            span=$(python3 - "$work/ledger.jsonl" <<'PY'
import json, sys, datetime
recs = [json.loads(l) for l in open(sys.argv[1])]
t = [datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")) for r in recs if r["type"] != "run"]
print((max(t) - min(t)).total_seconds())
PY
)
            rates+=("$(python3 -c "print(round($jobs / $span))")")
            cpus+=("$(python3 -c "print(round((($(echo "$out" | tr ' ' '+')) - ($(echo "$plan_cpu" | tr ' ' '+'))) * 1e6 / $jobs))")")
        done
        rate=$(printf "%s\n" "${rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
        cpu=$(printf "%s\n" "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
        ideal="-"
        [ "$latency" != 0 ] && ideal=$(python3 -c "print(f'{$rate / ($conc * 1000 / $latency):.0%}')")
        printf "%-8s %-5s %7s %9s %8s %12s\n" "${latency}ms" "$conc" "$jobs" "$rate" "$ideal" "$cpu"
    done
done
