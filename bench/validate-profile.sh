#!/usr/bin/env bash
# Where `kfjobs validate` spends its instructions and memory on a generated 10 MB manifest
# (bench/yaml-load/manifest.py), against libyaml's bare event loop (bench/yaml-load/events.c), the floor.
# The manifest layer (Diagnostics, YAMLTree, KeyfactorWire, LocatedDecoding, KFJobsManifest) is compiled
# with swiftc -O -g module by module, with a driver that runs what ValidateCommand runs and prints the
# resident memory after parsing, decoding and expanding. With valgrind installed, callgrind counts the
# instructions of both (repeatable on a loaded machine) and the driver's top functions are shown.
#
# Usage: bench/validate-profile.sh [megabytes, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/lib/swiftc-module.sh
swiftc_flags=(-O -g -I Sources/CLibYAML -module-cache-path "$work/module-cache")
swiftc_yaml_modules "$work"
swiftc_module "$work" KeyfactorWire Sources/KeyfactorWire/*.swift
swiftc_module "$work" LocatedDecoding Sources/LocatedDecoding/*.swift
swiftc_module "$work" KFJobsManifest Sources/KFJobsManifest/*.swift
swiftc "${swiftc_flags[@]}" -I "$work/modules" bench/validate-profile/main.swift \
    "$work"/{Portability,Diagnostics,YAMLTree,KeyfactorWire,LocatedDecoding,KFJobsManifest}.o -o "$work/validate" -lyaml
cc -O2 -o "$work/yaml-events" bench/yaml-load/events.c -lyaml
python3 bench/yaml-load/manifest.py "$megabytes" "$work/manifest.yaml"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), kfjobs $(git rev-parse --short HEAD), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for tool in yaml-events validate; do
    /usr/bin/time -f "$tool: %U s user, %S s system, %M KB peak" "$work/$tool" "$work/manifest.yaml"
done
if command -v valgrind >/dev/null; then
    for tool in yaml-events validate; do
        valgrind --tool=callgrind --callgrind-out-file="$work/$tool.cg" "$work/$tool" "$work/manifest.yaml" 2>&1 |
            sed -n "s/.*I *refs: */$tool instructions: /p"
    done
    callgrind_annotate "$work/validate.cg" 2>/dev/null | sed -n '/file:function/,$p' | sed -n 2,16p | cut -c1-160
fi
