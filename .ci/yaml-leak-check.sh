#!/usr/bin/env bash
# Leak check of the YAML binding: LeakSanitizer over a parse of a 10 MB manifest and of failing files.
# (valgrind 3.19 cannot read the DWARF 5 that Swift 6 emits, so AddressSanitizer's leak checker is used.)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/lib/swiftc-module.sh
swiftc_flags=(-O -sanitize=address -module-cache-path "$work/module-cache")
swiftc_module "$work" Portability Sources/Portability/*.swift
swiftc_module "$work" Diagnostics Sources/Diagnostics/*.swift
swiftc "${swiftc_flags[@]}" -I "$work/modules" -I Sources/CLibYAML Sources/YAMLTree/*.swift -module-name YAMLTreeLeakCheck \
    .ci/yaml-leak-check/main.swift "$work/Portability.o" "$work/Diagnostics.o" -o "$work/leak-check" -lyaml
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
parts = ["apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata: {name: big}\njobs:\n"]
size, i = 0, 0
while size < 10 * 1024 * 1024:
    s = f"  - name: job-{i}\n    jobType: FetchLogs\n    agents: {{query: 'Status -eq 2'}}\n    fields: {{A: \"{i}\"}}\n"
    parts.append(s); size += len(s); i += 1
open(f"{work}/big.yaml", "w").write("".join(parts))
open(f"{work}/syntax.yaml", "w").write("a: [1\nb: 2\n")
open(f"{work}/duplicate.yaml", "w").write("a: 1\na: 2\n")
open(f"{work}/bomb.yaml", "w").write("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"l{n}: &l{n} [" + ",".join([f"*{'a' if n == 1 else 'l' + str(n - 1)}"] * 10) + "]\n" for n in range(1, 10)))
open(f"{work}/deep.yaml", "w").write("[" * 5000)
open(f"{work}/nul.yaml", "wb").write(b"a: 1\n\x00\n")
PY
ASAN_OPTIONS=detect_leaks=1 "$work/leak-check" "$work"/*.yaml
echo "no leaks reported"
