#!/usr/bin/env bash
# CPU time and peak memory of kfjobs on every hostile input (Tests/HostileInputs), as the end-to-end test
# measures them (wait4 through Tests/HostileInputs/measure.py), heaviest first.
#
#   bench/hostile-inputs.sh [path/to/kfjobs]     default .build/debug/kfjobs (built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/kfjobs}
[ -x "$binary" ] || swift build --product kfjobs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Tests/HostileInputs/generate.py "$work/generated"
python3 - "$binary" "$work" <<'PY'
import json, os, subprocess, sys
binary, work = os.path.abspath(sys.argv[1]), sys.argv[2]
root = "Tests/HostileInputs"
rows = []
for generated in (False, True):
    for kind in ("manifests", "fleets"):
        folder = os.path.join(root, "generated", kind) if generated else os.path.join(root, kind)
        for name in sorted(n[:-len(".expected")] for n in os.listdir(folder) if n.endswith(".expected")):
            path = os.path.join(work, "generated", kind, name) if generated else os.path.join(folder, name)
            args = next((l[5:].split() for l in open(os.path.join(folder, name + ".expected")) if l.startswith("args:")), [])
            commands = ([["validate"] + args + [path]] if kind == "manifests" else
                        [["simulator", "--port", "0", "--fleet", path], ["plan", "examples/fetch-logs.yaml", "--fleet", path]])
            for command in commands:
                out = subprocess.run(["python3", os.path.join(root, "measure.py"), "120", os.devnull, os.devnull, "--", binary] + command,
                                     capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1")).stdout
                run = json.loads(out)
                label = ("generated/" if generated else "") + f"{kind}/{name}"
                rows.append((run["cpuSeconds"], run["peakMegabytes"], run["exitCode"], run["signal"], command[0], label))
rows.sort(reverse=True)
print(f"{'cpu s':>6} {'peak MB':>8} {'exit':>4}  command    input")
for cpu, rss, code, signal, command, label in rows:
    print(f"{cpu:6.2f} {rss:8.1f} {code if code is not None else 'sig' + str(signal):>4}  {command:<10} {label}")
print(f"{len(rows)} runs; over 2 s of CPU: {sum(r[0] > 2 for r in rows)}; over 200 MB: {sum(r[1] > 200 for r in rows)}; "
      f"exit other than 1: {sum(r[2] != 1 for r in rows)}")
PY
