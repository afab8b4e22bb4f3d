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

# Static archives only, searched before the system's folders: `-lyaml` and the runtime's `-lstdc++`
# then resolve to libyaml.a and libstdc++.a instead of the shared libraries.
static_libs=$scratch/static-libs
mkdir -p "$static_libs"
libyaml=$(pkg-config --variable=libdir yaml-0.1)/libyaml.a
[ -f "$libyaml" ] || { echo "release.sh: $libyaml is missing: apt-get install libyaml-dev" >&2; exit 1; }
libstdcxx=$(cc -print-file-name=libstdc++.a)
[ -f "$libstdcxx" ] || { echo "release.sh: libstdc++.a is missing: apt-get install libstdc++-12-dev" >&2; exit 1; }
ln -sf "$libyaml" "$static_libs/libyaml.a"
ln -sf "$libstdcxx" "$static_libs/libstdc++.a"

build_flags=(
    -c release --product kfjobs --scratch-path "$scratch"
    --static-swift-stdlib
    -Xswiftc -L"$PWD/$static_libs"
    # Foundation's hypot/hypotf calls go to their GLIBC_2.2.5 versions (Sources/CKFJobsBuild/glibc_compat.c):
    # the binary then needs glibc 2.34, not 2.35.
    -Xlinker --wrap=hypot -Xlinker --wrap=hypotf
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
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
echo "release.sh: $binary: $(du -h "$binary" | cut -f1), needs only glibc, $glibc at the newest"

# The man page, from the command definitions (swift-argument-parser's generate-manual plugin, run
# over the debug build in .build, which it makes if needed).
echo "release.sh: generating the man page"
swift package plugin generate-manual >/dev/null
manual=.build/plugins/GenerateManual/outputs/kfjobs/kfjobs.1
[ -f "$manual" ] || { echo "release.sh: the generate-manual plugin wrote no $manual" >&2; exit 1; }

scripts/package.sh --binary "$binary" --version "$version" --platform "$platform" --man "$manual" --out dist
