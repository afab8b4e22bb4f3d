#!/usr/bin/env bash
# libFuzzer over the YAML layer, the manifest layer (what `kfjobs validate` runs) and the fleet loader.
#
#   fuzz/fuzz.sh [SECONDS] [yaml|manifest|fleet ...]     default: 60 seconds for each of the three
#
# The sources are compiled with swiftc straight from Sources/ (-sanitize=fuzzer,address), outside
# SwiftPM, so the package's own build is untouched: the manifest layer (KFJobsManifest) needs only
# Diagnostics, YAMLTree and KeyfactorWire, not the HTTP stack. Each run starts from the seed corpus
# (examples, test fixtures, the hostile-input corpus) with a fixed -seed, so the same budget on the same
# commit replays the same mutations. Findings land in .build/fuzz/findings/; the script exits 1 if any.
# FUZZ_KEEP_CORPUS=1 keeps the grown corpus of earlier runs (.build/fuzz/corpus/) instead of starting afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml manifest fleet)

out=.build/fuzz
mkdir -p "$out/modules" "$out/findings"
. bench/lib/swiftc-module.sh
swiftc_flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I Sources/CLibYAML -module-cache-path "$out/module-cache")
flags=("${swiftc_flags[@]}" -I "$out/modules")

build_started=$(date +%s)
build_log=$out/build.log
: >"$build_log"
# The linker's warnings about AddressSanitizer's local symbols are noise: the log keeps them, and is
# printed if the build fails.
trap 'echo "fuzz target build failed; see $build_log" >&2; tail -30 "$build_log" >&2' ERR
exec 3>&1 4>&2 1>>"$build_log" 2>&1
swiftc_yaml_modules "$out"
swiftc_module "$out" KeyfactorWire Sources/KeyfactorWire/*.swift
# The manifest layer whole: it needs neither the HTTP client nor Crypto.
swiftc_module "$out" LocatedDecoding Sources/LocatedDecoding/*.swift
swiftc_module "$out" KFJobsManifest Sources/KFJobsManifest/*.swift
# The fleet loader and the model it fills: the simulator without its HTTP server (the files that import
# Hummingbird, NIO, Logging or ServiceLifecycle, and the responder those files define).
mapfile -t simulator_sources < <(find Sources/KeyfactorSimulator -name '*.swift' ! -name 'SimulatorResponder*' | sort |
    xargs grep -L -E '^import (Hummingbird|HTTPTypes|NIO|Logging|ServiceLifecycle)')
swiftc_module "$out" KeyfactorSimulator "${simulator_sources[@]}"

yaml_objects=("$out/Portability.o" "$out/Diagnostics.o" "$out/YAMLTree.o")
swiftc "${flags[@]}" -module-name FuzzYAML fuzz/FuzzChecks.swift fuzz/YAMLTarget.swift \
    "${yaml_objects[@]}" -lyaml -o "$out/fuzz-yaml"
swiftc "${flags[@]}" -module-name FuzzManifest fuzz/FuzzChecks.swift fuzz/ManifestTarget.swift \
    Sources/kfjobs/DiagnosticPrinter.swift Sources/kfjobs/TerminalText.swift "${yaml_objects[@]}" "$out/KeyfactorWire.o" \
    "$out/LocatedDecoding.o" "$out/KFJobsManifest.o" -lyaml -o "$out/fuzz-manifest"
swiftc "${flags[@]}" -module-name FuzzFleet fuzz/FuzzChecks.swift fuzz/FleetTarget.swift \
    "${yaml_objects[@]}" "$out/KeyfactorWire.o" "$out/LocatedDecoding.o" "$out/KeyfactorSimulator.o" -lyaml -o "$out/fuzz-fleet"
exec 1>&3 2>&4
trap - ERR
echo "built the fuzz targets in $(($(date +%s) - build_started)) s"

# Seeds: every YAML file in the repository that the target reads, large generated ones left out.
seed() {
    local target=$1 dir=$out/seeds/$1
    rm -rf "$dir"
    mkdir -p "$dir"
    local sources
    case $target in
        yaml) sources=(examples Tests/YAMLTreeTests/Fixtures Tests/KFJobsTests/Fixtures/manifests Tests/HostileInputs) ;;
        manifest) sources=(examples Tests/KFJobsTests/Fixtures/manifests Tests/HostileInputs/manifests) ;;
        fleet) sources=(examples/fleets Tests/HostileInputs/fleets) ;;
    esac
    find "${sources[@]}" -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k 2>/dev/null | while read -r file; do
        cp "$file" "$dir/$(echo "$file" | tr '/' '_')"
    done
}

status=0
summary=()
for target in "${targets[@]}"; do
    seed "$target"
    corpus=$out/corpus/$target
    [ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || rm -rf "$corpus"
    mkdir -p "$corpus"
    log=$out/$target.log
    echo "fuzzing $target for $seconds s (log: $log)"
    # -rss_limit_mb bounds the whole process (AddressSanitizer's shadow and quarantine included), and
    # -malloc_limit_mb any single allocation; -timeout reports an input that takes over 10 s as a hang.
    set +e
    "$out/fuzz-$target" -seed=20260101 -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 \
        -timeout=10 -max_len=65536 -dict=fuzz/kfjobs.dict -print_final_stats=1 \
        -artifact_prefix="$out/findings/$target-" "$corpus" "$out/seeds/$target" >"$log" 2>&1
    code=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    units=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\)\/.*/\1/p')
    result=clean
    if [ "$code" -ne 0 ]; then
        result="FINDING (exit $code): $(grep -m1 -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|SUMMARY' "$log" || true)"
        status=1
        tail -40 "$log"
    fi
    summary+=("$target: ${execs:-?} runs, ${rate:-?} execs/s, coverage ${cov:-?} edges / ${ft:-?} features, corpus ${units:-?}, peak RSS ${rss:-?} MB: $result")
done
printf '%s\n' "${summary[@]}"
exit $status
