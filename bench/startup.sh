#!/usr/bin/env bash
# Start-up time: the median wall time of `BINARY --version` over ROUNDS runs, the binaries interleaved
# (so that load from other processes falls on all of them alike). BENCHMARKS.md, "Release binary".
#   bench/startup.sh [ROUNDS] BINARY...
set -euo pipefail
rounds=51
if [[ ${1:-} =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: bench/startup.sh [ROUNDS] BINARY..." >&2; exit 64; }
python3 - "$rounds" "$@" <<'PY'
import statistics, subprocess, sys, time
rounds, binaries = int(sys.argv[1]), sys.argv[2:]
times = {b: [] for b in binaries}
for _ in range(rounds):
    for b in binaries:
        start = time.perf_counter()
        subprocess.run([b, "--version"], stdout=subprocess.DEVNULL, check=True)
        times[b].append(time.perf_counter() - start)
for b in binaries:
    t = sorted(times[b])
    print(f"{b}: median {statistics.median(t) * 1000:.1f} ms, min {t[0] * 1000:.1f} ms over {rounds} runs")
PY
