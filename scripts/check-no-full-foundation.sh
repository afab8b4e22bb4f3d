#!/usr/bin/env bash
# Issue 18: no object of the kfjobs binary may link the full Foundation. A Swift object names the
# libraries its imports need in its `.swift1_autolink_entries` section (-lFoundationEssentials,
# -lswiftCore, ...); an object that imported Foundation names -lFoundation, and with it comes
# FoundationInternationalization and ICU's data (30 MB of a static release binary).
#
#   scripts/check-no-full-foundation.sh BUILD_DIR [PRODUCT]
#
# BUILD_DIR is a configuration's folder (.build/debug, .build-release/release, ...). The objects are
# the ones SwiftPM links into PRODUCT (default kfjobs: BUILD_DIR/kfjobs.product/Objects.LinkFileList,
# the dependencies' among them); without that list, every object under BUILD_DIR's *.build folders
# except the test targets'. Exit 1, listing each object that names a full-Foundation library; 2 on
# a usage error or when there is nothing to check.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -d "$1" ]; then
    echo "usage: $0 BUILD_DIR [PRODUCT]" >&2
    exit 2
fi
build_dir=${1%/}
product=${2:-kfjobs}
forbidden='^-l(Foundation|FoundationInternationalization|FoundationNetworking|FoundationXML|_FoundationICU)$'

objects=()
link_list=$build_dir/$product.product/Objects.LinkFileList
if [ -f "$link_list" ]; then
    # One path a line, quoted when it has spaces.
    while IFS= read -r line; do
        line=${line#\'}
        line=${line%\'}
        case $line in *.o) objects+=("$line") ;; esac
    done <"$link_list"
else
    echo "note: no $link_list; checking every non-test object under $build_dir" >&2
    while IFS= read -r -d '' object; do objects+=("$object"); done < <(
        find "$build_dir" -path '*Tests.build' -prune -o -path '*TestSupport.build' -prune -o -path '*TestProxy.build' -prune \
            -o -name '*.o' -print0)
fi
if [ ${#objects[@]} -eq 0 ]; then
    echo "error: no objects to check in $build_dir" >&2
    exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
offenders=()
swift_objects=0
essentials=0
for object in "${objects[@]}"; do
    # C and C++ objects have no such section: objcopy leaves no file then.
    rm -f "$scratch/entries"
    objcopy --dump-section .swift1_autolink_entries="$scratch/entries" "$object" "$scratch/copy.o" 2>/dev/null || true
    [ -s "$scratch/entries" ] || continue
    swift_objects=$((swift_objects + 1))
    entries=$(tr '\0' '\n' <"$scratch/entries")
    if grep -qx -- '-lFoundationEssentials' <<<"$entries"; then essentials=$((essentials + 1)); fi
    if names=$(grep -E -- "$forbidden" <<<"$entries" | sort -u | tr '\n' ' ') && [ -n "$names" ]; then
        offenders+=("$object: $names")
    fi
done

echo "checked ${#objects[@]} objects of $product ($swift_objects Swift objects, $essentials of them naming FoundationEssentials)"
if [ ${#offenders[@]} -gt 0 ]; then
    echo "error: ${#offenders[@]} objects link the full Foundation:" >&2
    printf '  %s\n' "${offenders[@]}" >&2
    exit 1
fi
echo "no object names Foundation, FoundationInternationalization, FoundationNetworking, FoundationXML or _FoundationICU"
