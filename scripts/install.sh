#!/bin/sh
# Installs a kfjobs release binary with its completions and man page (README, "Install").
#
#   install.sh [--version V] [--base-url URL] [--prefix DIR] [--print-version]
#
#   --version V      the release to install, e.g. 0.1.0 (default: the latest)
#   --base-url URL   where releases are, laid out as GitHub's release downloads:
#                    URL/vV/kfjobs-V-linux-x86_64.tar.gz and URL/vV/kfjobs-V-linux-x86_64.tar.gz.sha256;
#                    the latest is the tag that URL/../latest redirects to (GitHub's releases/latest)
#                    (default: https://github.com/example/kfjobs/releases/download)
#   --prefix DIR     install under DIR/bin and DIR/share (default: ~/.local)
#   --print-version  only print the version that would be installed
#
# The checksum is verified before anything is extracted; on any failure nothing is left behind.
# Needs curl, tar, gzip and sha256sum (or shasum).
set -eu

version=latest
base_url=${KFJOBS_BASE_URL:-https://github.com/example/kfjobs/releases/download}
prefix=${HOME:-}/.local
print_only=false

fail() {
    echo "install.sh: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        --version) [ $# -ge 2 ] || fail "--version needs a value"; version=$2; shift 2 ;;
        --version=*) version=${1#*=}; shift ;;
        --base-url) [ $# -ge 2 ] || fail "--base-url needs a value"; base_url=$2; shift 2 ;;
        --base-url=*) base_url=${1#*=}; shift ;;
        --prefix) [ $# -ge 2 ] || fail "--prefix needs a value"; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --print-version) print_only=true; shift ;;
        -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) fail "unknown argument $1 (see --help)" ;;
    esac
done
base_url=${base_url%/}
[ -n "$prefix" ] || fail "no --prefix given and HOME is not set"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64 | Linux-amd64) platform=linux-x86_64 ;;
    *) fail "no release binary for $(uname -s) $(uname -m); build from source instead (README, \"Requirements\")" ;;
esac
command -v curl >/dev/null 2>&1 || fail "curl is needed to download the release; install it (apt-get install curl)"

# Downloads $1 to $2; an HTTP error or an unreachable server is a message naming the URL.
download() {
    if ! curl --fail --silent --show-error --location --connect-timeout 20 --retry 2 --output "$2" "$1" 2>"$work/curl.err"; then
        fail "cannot download $1: $(tr '\n' ' ' <"$work/curl.err")(check --version and --base-url)"
    fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/kfjobs-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

if [ "$version" = latest ]; then
    # GitHub answers releases/latest with a redirect to releases/tag/vV.
    latest_url=${base_url%/download}/latest
    effective=$(curl --fail --silent --show-error --location --connect-timeout 20 --output /dev/null \
        --write-out '%{url_effective}' "$latest_url" 2>"$work/curl.err") ||
        fail "cannot find the latest release at $latest_url: $(tr '\n' ' ' <"$work/curl.err")(give --version)"
    tag=${effective##*/}
    case "$tag" in
        v[0-9]*) version=${tag#v} ;;
        *) fail "$latest_url did not lead to a release tag (got $effective); give --version" ;;
    esac
fi
version=${version#v}
if $print_only; then
    echo "$version"
    exit 0
fi

name=kfjobs-$version-$platform
url=$base_url/v$version/$name.tar.gz
download "$url.sha256" "$work/$name.tar.gz.sha256"
download "$url" "$work/$name.tar.gz"

expected=$(cut -d' ' -f1 <"$work/$name.tar.gz.sha256")
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$work/$name.tar.gz" | cut -d' ' -f1)
else
    actual=$(shasum -a 256 "$work/$name.tar.gz" | cut -d' ' -f1)
fi
[ -n "$expected" ] && [ "$actual" = "$expected" ] ||
    fail "checksum mismatch for $url: expected ${expected:-nothing}, got $actual; nothing was installed (download again, or report it)"

tar -xzf "$work/$name.tar.gz" -C "$work"
[ -x "$work/$name/bin/kfjobs" ] || fail "$url holds no $name/bin/kfjobs; nothing was installed"
# Copy the new files next to the old, then rename over them: a running kfjobs keeps its binary.
mkdir -p "$prefix/bin"
cp "$work/$name/bin/kfjobs" "$prefix/bin/.kfjobs.new"
mv -f "$prefix/bin/.kfjobs.new" "$prefix/bin/kfjobs"
if [ -d "$work/$name/share" ]; then
    mkdir -p "$prefix/share"
    cp -R "$work/$name/share/." "$prefix/share/"
fi

echo "installed kfjobs $version to $prefix/bin/kfjobs"
echo "  completions: $prefix/share/bash-completion/completions/kfjobs, $prefix/share/zsh/site-functions/_kfjobs, $prefix/share/fish/vendor_completions.d/kfjobs.fish"
[ -f "$prefix/share/man/man1/kfjobs.1" ] && echo "  man page: $prefix/share/man/man1/kfjobs.1"
case ":${PATH:-}:" in
    *":$prefix/bin:"*) ;;
    *) echo "add it to PATH: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
