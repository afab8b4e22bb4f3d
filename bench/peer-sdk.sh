#!/usr/bin/env bash
# kfjobs against the peer a Keyfactor user would write today: Keyfactor's official Python SDK for
# Command 11 (keyfactor-command-sdk 11.0.0a1, bench/peer-sdk.py) with a ThreadPoolExecutor of the same
# size as `kfjobs apply --concurrency`. Both submit one FetchLogs job to each of N orchestrators (the
# same query, Basic auth, camelCase responses) against a standalone simulator in its own process, started
# afresh for every side of every run so that its counts are that side's: each run checks through
# /_simulator/stats and /_simulator/jobs that exactly N jobs were created, one per orchestrator: a run
# that did not is reported as it happens (MISMATCH, with the client's own account) and again at the
# end, and the script then exits 1. Sides alternate (kfjobs first on odd runs, the SDK first on even ones).
#
# Rate: jobs per second of the submission phase (kfjobs: the ledger's first intent to its last outcome;
# SDK: pool start to its last answer). CPU per job: user + system time of the submission phase (kfjobs:
# the apply process less a `plan` of the same manifest; SDK: getrusage around the pool). Medians.
#
# Usage: bench/peer-sdk.sh [runs, default 3] [latencies ms, default "0 20"] [concurrencies, default "16 50"] [jobs, default 5000]
#        bench/peer-sdk.sh --quick        # 1 run, 0 ms, concurrency 16, 200 jobs: a smoke test
# With SDK_KEEP_ALIVE=1 the SDK's httpx client keeps as many connections alive as it has threads
# (httpx keeps 20 by default, so at 50 threads it opens new connections as it goes).
set -Eeuo pipefail
trap 'echo "peer-sdk.sh: failed at line $LINENO: $BASH_COMMAND" >&2; [ -f "${work:-}/sim.out" ] && tail -5 "$work/sim.out" >&2' ERR
cd "$(dirname "$0")/.."
if [ "${1:-}" = --quick ]; then
    runs=1 latencies=0 concurrencies=16 jobs=200
else
    runs=${1:-3}
    latencies=${2:-"0 20"}
    concurrencies=${3:-"16 50"}
    jobs=${4:-5000}
fi
swift build -c release --product kfjobs >/dev/null
bin=$PWD/.build/release/kfjobs

# The SDK in a virtual environment of its own (kept under .build, so later runs reuse it).
venv=$PWD/.build/peer-sdk-venv
if ! "$venv/bin/python" -c 'import command_v11_client' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q keyfactor-command-sdk==11.0.0a1
fi
sdk_version=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("keyfactor-command-sdk"), "httpx", m.version("httpx"))')

work=$(mktemp -d)
sim_pid=""
cleanup() { if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

user=bench
password=bench-only-password
query='Status -eq 2 AND Capabilities -contains "LOGS"'
cat > "$work/fleet.yaml" <<YAML
apiVersion: kfjobs/v1
kind: SimulatorFleet
metadata: {name: peer-sdk}
seed: 7
server: {casing: camel}
auth:
  basic: {username: $user, password: $password}
jobs: {delay: 1s}
jobTypes:
  - {name: FetchLogs, requiresCapability: LOGS}
generate:
  - {count: $jobs, name: "node-{index:05}", status: approved, capabilities: [LOGS], platform: universal, version: "24.4.0.0"}
YAML
cat > "$work/jobs.yaml" <<YAML
apiVersion: kfjobs/v1
kind: JobManifest
metadata: {name: peer}
jobs:
  - name: logs
    jobType: FetchLogs
    agents:
      query: '$query'
      expect: {min: $jobs, max: $jobs}
YAML

start_simulator() { # latency-ms; sets sim_pid, url, root
    local extra=()
    [ "$1" != 0 ] && extra=(--latency "${1}ms")
    "$bin" simulator --fleet "$work/fleet.yaml" --port 0 "${extra[@]}" > "$work/sim.out" 2>&1 &
    sim_pid=$!
    for _ in $(seq 200); do grep -q "http://" "$work/sim.out" && break; sleep 0.05; done
    url=$(grep -o 'http://[^ ]*' "$work/sim.out" | head -1)
    [ -n "$url" ] || { echo "the simulator did not start:" >&2; cat "$work/sim.out" >&2; exit 1; }
    root=${url%/KeyfactorAPI}
}

stop_simulator() {
    kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
}

verify() { # side latency conc [client's account]: prints the jobs the server created; a count other
           # than exactly N FetchLogs jobs, one per orchestrator, is recorded as a problem
    curl -sSf "$root/_simulator/stats" > "$work/stats.json"
    curl -sSf "$root/_simulator/jobs" > "$work/jobs.json"
    python3 - "$1 at ${2}ms, concurrency $3" "$jobs" "$work/stats.json" "$work/jobs.json" "${4:-}" "$work/problems.txt" <<'PY'
import json, sys
side, expected, account, problems = sys.argv[1], int(sys.argv[2]), sys.argv[5], sys.argv[6]
stats = json.load(open(sys.argv[3]))
jobs = json.load(open(sys.argv[4]))
agents = {job["AgentId"].lower() for job in jobs}
types = {job["JobTypeName"] for job in jobs}
if stats["JobsCreated"] != expected or len(jobs) != expected or len(agents) != expected or types != {"FetchLogs"}:
    problem = (f"{side}: expected {expected} FetchLogs jobs on {expected} orchestrators, the simulator has "
               f"{stats['JobsCreated']} jobs on {len(agents)} orchestrators of types {sorted(types)}; "
               f"requests: {stats['Requests']}" + (f"; client: {account}" if account else ""))
    print(f"MISMATCH {problem}", file=sys.stderr)
    open(problems, "a").write(problem + "\n")
print(stats["JobsCreated"])
PY
}

run_kfjobs() { # latency conc -> appends "kfjobs latency conc jobs/s cpu-us/job wall process-cpu created"
    start_simulator "$1"
    export KEYFACTOR_USERNAME=$user KEYFACTOR_PASSWORD=$password
    /usr/bin/time -o "$work/time.out" -f "%e %U %S" "$bin" plan "$work/jobs.yaml" --url "$url" \
        --ledger "$work/none.jsonl" > /dev/null 2> "$work/plan.err" || { cat "$work/plan.err" >&2; exit 1; }
    read -r _ plan_user plan_sys < <(tail -1 "$work/time.out")
    rm -f "$work/ledger.jsonl"
    /usr/bin/time -o "$work/time.out" -f "%e %U %S" "$bin" apply "$work/jobs.yaml" --url "$url" \
        --ledger "$work/ledger.jsonl" --concurrency "$2" --max-jobs "$jobs" > "$work/apply.out" 2> "$work/apply.err" \
        || { cat "$work/apply.err" >&2; exit 1; }
    read -r wall apply_user apply_sys < <(tail -1 "$work/time.out")
    unset KEYFACTOR_USERNAME KEYFACTOR_PASSWORD
    created=$(verify kfjobs "$1" "$2")
    stop_simulator
    python3 - "$work/ledger.jsonl" "$created" "$apply_user" "$apply_sys" "$plan_user" "$plan_sys" "$wall" "$1" "$2" <<'PY' >> "$work/raw.txt"
import json, sys, datetime
path, jobs, au, as_, pu, ps, wall, latency, conc = sys.argv[1:]
records = [json.loads(line) for line in open(path)]
times = [datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")) for r in records if r["type"] != "run"]
span = (max(times) - min(times)).total_seconds()
cpu = (float(au) + float(as_)) - (float(pu) + float(ps))
print("kfjobs", latency, conc, round(int(jobs) / span), round(cpu * 1e6 / int(jobs)), wall, round(float(au) + float(as_), 2), jobs)
PY
}

run_sdk() { # latency conc -> appends "sdk latency conc jobs/s cpu-us/job wall process-cpu created"
    start_simulator "$1"
    /usr/bin/time -o "$work/time.out" -f "%e %U %S" "$venv/bin/python" bench/peer-sdk.py --url "$url" \
        --username "$user" --password "$password" --query "$query" --concurrency "$2" \
        ${SDK_KEEP_ALIVE:+--keep-alive} > "$work/sdk.json"
    read -r wall sdk_user sdk_sys < <(tail -1 "$work/time.out")
    account=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["account"])' "$work/sdk.json")
    created=$(verify sdk "$1" "$2" "$account")
    stop_simulator
    python3 - "$work/sdk.json" "$created" "$wall" "$1" "$2" "$sdk_user" "$sdk_sys" <<'PY' >> "$work/raw.txt"
import json, sys
result = json.load(open(sys.argv[1]))
jobs, wall, latency, conc, user, system = sys.argv[2:]
print("sdk", latency, conc, round(int(jobs) / result["seconds"]), round(result["cpuSeconds"] * 1e6 / int(jobs)), wall,
      round(float(user) + float(system), 2), jobs)
PY
}

echo "kfjobs $(git rev-parse --short HEAD), keyfactor-command-sdk $sdk_version${SDK_KEEP_ALIVE:+ (keep-alive = threads)}, $jobs jobs, $(date -u '+%Y-%m-%d %H:%M UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/raw.txt"
: > "$work/problems.txt"
for latency in $latencies; do
    for conc in $concurrencies; do
        for run in $(seq "$runs"); do
            if [ $((run % 2)) = 1 ]; then run_kfjobs "$latency" "$conc"; run_sdk "$latency" "$conc"
            else run_sdk "$latency" "$conc"; run_kfjobs "$latency" "$conc"; fi
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw (side latency concurrency jobs/s cpu-us/job wall-s process-cpu-s jobs-created):"
sed 's/^/  /' "$work/raw.txt"
python3 - "$work/raw.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
cells = sorted({(int(r[1]), int(r[2])) for r in rows})
def median(side, latency, conc, column, cast=float):
    return statistics.median(cast(r[column]) for r in rows if r[0] == side and int(r[1]) == latency and int(r[2]) == conc)
print(f"{'latency':>7} {'conc':>4} | {'kfjobs/s':>8} {'SDK/s':>6} {'ratio':>6} | {'kfjobs us':>9} {'SDK us':>7} {'ratio':>6} | {'kfjobs wall':>11} {'SDK wall':>8}")
for latency, conc in cells:
    kr, sr = median("kfjobs", latency, conc, 3), median("sdk", latency, conc, 3)
    kc, sc = median("kfjobs", latency, conc, 4), median("sdk", latency, conc, 4)
    kw, sw = median("kfjobs", latency, conc, 5), median("sdk", latency, conc, 5)
    print(f"{latency:>5}ms {conc:>4} | {kr:>8.0f} {sr:>6.0f} {kr / sr:>5.2f}x | {kc:>9.0f} {sc:>7.0f} {kc / sc:>6.3f} | {kw:>10.2f}s {sw:>7.2f}s")
print("ratio: kfjobs / SDK (jobs/s: higher is better for kfjobs; CPU per job: lower is better for kfjobs)")
PY
if [ -s "$work/problems.txt" ]; then
    echo "FAILED: $(wc -l < "$work/problems.txt") run(s) did not create exactly $jobs jobs, one per orchestrator:" >&2
    sed 's/^/  /' "$work/problems.txt" >&2
    exit 1
fi
