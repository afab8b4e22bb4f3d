#!/usr/bin/env bash
# Where the client's CPU goes while it submits: `perf record -g` of one `kfjobs apply` of 4,999
# FetchLogs jobs against a standalone simulator (0 ms latency), then each sample attributed to the
# parts of the submission path on its stack (a sample counts towards every part it passes through,
# so the rows overlap). Planning's samples are left out. Needs `perf` (Debian: linux-perf).
# Usage: bench/cpu-profile.sh [concurrency, default 16] [sampling Hz, default 4000]
set -euo pipefail
cd "$(dirname "$0")/.."
conc=${1:-16}
hz=${2:-4000}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
if [ -z "${KFJOBS_BIN:-}" ]; then swift build -c release --product kfjobs >/dev/null; fi
bin=${KFJOBS_BIN:-$PWD/.build/release/kfjobs}
work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin" simulator --fleet examples/fleets/generated-10k.yaml --port 0 > "$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q "http://" "$work/sim.out" && break; sleep 0.05; done
url=$(grep -o 'http://[^ ]*' "$work/sim.out" | head -1)

perf record -q -F "$hz" -g -o "$work/perf.data" "$bin" apply bench/manifests/fetch-logs-5k.yaml --url "$url" \
    --ledger "$work/ledger.jsonl" --concurrency "$conc" --max-jobs 10000 > "$work/apply.out" 2>/dev/null
jobs=$(grep -o '[0-9]* submitted' "$work/apply.out" | grep -o '[0-9]*')
perf script -i "$work/perf.data" 2>/dev/null > "$work/stacks.txt"

python3 - "$work/stacks.txt" "$hz" "$jobs" <<'PY'
import re, sys
path, hz, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
samples = [s for s in open(path).read().split("\n\n") if s.strip()]
planning = re.compile(r"Planner|listAll|YAMLTree|ManifestLoad|swift_job_run")
submission = [s for s in samples if not planning.search(s)]
per_job = lambda n: n / hz * 1e6 / jobs
print(f"{jobs} jobs; all samples {per_job(len(samples)):.0f} us/job, submission {per_job(len(submission)):.0f} us/job")
parts = [
    ("ledger: encode, write, fsync", r"LedgerFile|jsonLine|fsync"),
    ("ledger: of which fsync", r"fsync"),
    ("request body: JSON writing", r"jsonBody"),
    ("answer: JSON decoding", r"JSONDecoder"),
    ("HTTP client on its event loops, outside our code", None),
    ("kernel (system calls, scheduling)", r"\[k\]|kernel"),
    ("Swift reference counting", r"swift_retain|swift_release"),
    ("malloc and free", r"malloc|_int_free|cfree"),
    ("Swift metadata and casts", r"_swift_getGenericMetadata|swift_conformsToProtocol|tryCast|dynamicCast"),
]
print(f"{'part':48s} {'share':>6s} {'us/job':>7s}")
for name, pattern in parts:
    if pattern is None:
        # Samples inside the HTTP client or NIO that did not reach our own code.
        ours = re.compile(r"KFJobs|KeyfactorAPI|KeyfactorWire")
        theirs = re.compile(r"AsyncHTTPClient|NIOPosix|NIOCore|NIOHTTP1")
        count = sum(1 for s in submission if theirs.search(s) and not ours.search(s))
    else:
        count = sum(1 for s in submission if re.search(pattern, s))
    print(f"{name:48s} {100 * count / len(submission):5.1f}% {per_job(count):7.1f}")
PY
