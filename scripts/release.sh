#!/usr/bin/env bash
# Builds the release of kfjobs for this Linux machine:
#   dist/kfjobs-VERSION-linux-x86_64.tar.gz and dist/kfjobs-VERSION-linux-x86_64.tar.gz.sha256
# The binary is a release build with the Swift runtime and Foundation linked statically and the
# system's libyaml.a (libyaml-dev) linked in, stripped: it needs nothing but glibc (README, "Install").
#
#   scripts/release.sh              VERSION from Sources/KFJobs/KFJobsVersion.swift
#   scripts/release.sh 0.2.0        another version (it must match KFJobsVersion.current)
#
# The build folder is .build-release (ignored); a first build takes 10-20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

current=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/KFJobs/KFJobsVersion.swift)
version=${1:-$current}
if [ "$version" != "$current" ]; then
    echo "release.sh: version $version is not KFJobsVersion.current ($current); change Sources/KFJobs/KFJobsVersion.swift first" >&2
    exit 1
fi
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    *) echo "release.sh: builds on Linux x86_64 only (this is $(uname -s) $(uname -m))" >&2; exit 1 ;;
esac
# The commit, as `kfjobs --version`, the ledger's run records and the User-Agent show it.
commit=$(git describe --tags --always --dirty 2>/dev/null || echo unknown)
scratch=.build-release

# Static archives only, in a folder searched before the system's: `-lyaml`, `-lz` (AsyncHTTPClient's
# response decompression, through swift-nio-extras) and the runtime's `-lstdc++` then resolve to
# libyaml.a, libz.a and libstdc++.a instead of the shared libraries. libyaml comes in through a
# yaml-0.1.pc of our own that names that folder: the system's names /usr/lib/x86_64-linux-gnu, which
# SwiftPM passes on (pkg-config itself drops it) and where libyaml.so would be found first.
static_libs=$PWD/$scratch/static-libs
pkgconfig=$PWD/$scratch/pkgconfig
mkdir -p "$static_libs" "$pkgconfig"
libdir=$(pkg-config --variable=libdir yaml-0.1 2>/dev/null || true)
for archive in "$libdir/libyaml.a:libyaml-dev" "$libdir/libz.a:zlib1g-dev" "$(cc -print-file-name=libstdc++.a):libstdc++-12-dev"; do
    file=${archive%%:*} package=${archive##*:}
    [ -f "$file" ] || { echo "release.sh: ${file:-libyaml.a} is missing: apt-get install $package" >&2; exit 1; }
    ln -sf "$file" "$static_libs/$(basename "$file")"
done
cat >"$pkgconfig/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml, linked statically into a kfjobs release
Version: $(pkg-config --modversion yaml-0.1)
Cflags: -I$(pkg-config --variable=includedir yaml-0.1)
Libs: -L$static_libs -lyaml
PC
export PKG_CONFIG_PATH=$pkgconfig

build_flags=(
    -c release --product kfjobs --scratch-path "$scratch"
    --static-swift-stdlib
    -Xlinker -L"$static_libs"
    # libgcc's unwinder linked in, not libgcc_s.so.
    -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
    # An executable exports nothing anyone looks up: without this the Swift symbols' names (42,000 of
    # them, 4 MB of .dynsym, .dynstr and .gnu.hash) stay after stripping.
    -Xlinker --no-export-dynamic
    # Calls that would need a glibc newer than 2.34 go to older versions (Sources/CKFJobsBuild/glibc_compat.c).
    -Xlinker --wrap=hypot -Xlinker --wrap=hypotf -Xlinker --wrap=arc4random -Xlinker --wrap=_dl_find_object
)
echo "release.sh: building kfjobs $version ($commit) in $scratch"
KFJOBS_COMMIT="$commit" swift build "${build_flags[@]}"
binary=$scratch/kfjobs
cp "$scratch/release/kfjobs" "$binary"
strip --strip-all "$binary"

# Nothing but glibc's own parts may be needed (README, "Install").
unexpected=$(ldd "$binary" | grep -vE 'linux-vdso|ld-linux|/libc\.so|/libm\.so|/libpthread\.so|/libdl\.so|/librt\.so|/libutil\.so' || true)
if [ -n "$unexpected" ]; then
    echo "release.sh: $binary needs more than glibc:" >&2
    echo "$unexpected" >&2
    exit 1
fi
# The oldest glibc it runs on is the newest symbol version it takes (README, "Install", says 2.34).
glibc_floor=2.34
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
if [ "$(printf '%s\n' "GLIBC_$glibc_floor" "$glibc" | sort -V | tail -1)" != "GLIBC_$glibc_floor" ]; then
    echo "release.sh: $binary needs $glibc, newer than glibc $glibc_floor; the calls that need it:" >&2
    objdump -T "$binary" | grep -E "GLIBC_(2\.3[5-9]|2\.[4-9][0-9])" >&2
    echo "release.sh: wrap them as Sources/CKFJobsBuild/glibc_compat.c does the others" >&2
    exit 1
fi
echo "release.sh: $binary: $(du -h "$binary" | cut -f1), needs only glibc, $glibc at the newest"

# The man page, from the command definitions (swift-argument-parser's generate-manual plugin, run
# over the debug build in .build, which it makes if needed).
echo "release.sh: generating the man page"
swift package plugin generate-manual >/dev/null
manual=.build/plugins/GenerateManual/outputs/kfjobs/kfjobs.1
[ -f "$manual" ] || { echo "release.sh: the generate-manual plugin wrote no $manual" >&2; exit 1; }

scripts/package.sh --binary "$binary" --version "$version" --platform "$platform" --man "$manual" --out dist
