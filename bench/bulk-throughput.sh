#!/usr/bin/env bash
# `kfjobs apply --bulk` against single requests: jobs/s for the same 4,999 FetchLogs jobs over the
# generated fleet, against the embedded simulator (`--fleet`) with a fixed latency (default 20 ms).
# Requests: POSTs that created jobs (bulk: one per group of at most --bulk-size orchestrators).
# Usage: bench/bulk-throughput.sh [runs, default 3] [latency ms, default 20] [concurrency, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
latency=${2:-20}
conc=${3:-16}
swift build -c release --product kfjobs >/dev/null
bin=$PWD/.build/release/kfjobs
work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fleet="$work/fleet.yaml"
cp examples/fleets/generated-10k.yaml "$fleet"
printf "faults:\n  latency: %sms\n" "$latency" >> "$fleet"

printf "%-14s %-5s %7s %9s %9s\n" mode conc jobs "jobs/s" requests
for mode in single "bulk 100" "bulk 500"; do
    extra=()
    [ "$mode" != single ] && extra=(--bulk --bulk-size "${mode#bulk }")
    rates=()
    for _ in $(seq "$runs"); do
        rm -f "$work/ledger.jsonl"
        "$bin" apply bench/manifests/fetch-logs-5k.yaml --fleet "$fleet" --ledger "$work/ledger.jsonl" --concurrency "$conc" --max-jobs 10000 \
            "${extra[@]}" > "$work/apply.out" 2>/dev/null
        jobs=$(grep -o '[0-9]* submitted' "$work/apply.out" | grep -o '[0-9]*')
        # Submission only, as in bench/apply-throughput.sh: from the first intent to the last outcome.
        span=$(python3 - "$work/ledger.jsonl" <<'PY'
import json, sys, datetime
recs = [json.loads(l) for l in open(sys.argv[1])]
t = [datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")) for r in recs if r["type"] != "run"]
print((max(t) - min(t)).total_seconds())
PY
)
        rates+=("$(python3 -c "print(round($jobs / $span))")")
    done
    rate=$(printf "%s\n" "${rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    requests=$jobs
    [ "$mode" != single ] && requests=$(( (jobs + ${mode#bulk } - 1) / ${mode#bulk } ))
    printf "%-14s %-5s %7s %9s %9s\n" "$mode" "$conc" "$jobs" "$rate" "$requests"
done
