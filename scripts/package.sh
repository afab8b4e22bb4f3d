#!/usr/bin/env bash
# Lays out a kfjobs release tarball from a built binary, as scripts/release.sh and the install tests
# do: OUT/kfjobs-VERSION-PLATFORM.tar.gz, and beside it its .sha256 (the `sha256sum` line).
#
#   scripts/package.sh --binary FILE --version V [--platform linux-x86_64] [--man FILE] [--compression 1-9] --out DIR
#
# The tarball holds one folder, kfjobs-VERSION-PLATFORM/, laid out as an install prefix:
#   bin/kfjobs
#   share/bash-completion/completions/kfjobs
#   share/zsh/site-functions/_kfjobs
#   share/fish/vendor_completions.d/kfjobs.fish
#   share/man/man1/kfjobs.1          (when --man is given)
#   LICENSE  README.md
# The completion scripts come from the binary itself (swift-argument-parser).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary="" version="" platform=linux-x86_64 manual="" out="" compression=9
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --platform) platform=$2; shift 2 ;;
        --man) manual=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --compression) compression=$2; shift 2 ;;
        *) echo "package.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
[ -x "$binary" ] && [ -n "$version" ] && [ -n "$out" ] || {
    echo "usage: package.sh --binary FILE --version V [--platform P] [--man FILE] --out DIR" >&2; exit 64; }

name=kfjobs-$version-$platform
# The newest glibc symbol version the binary needs, for its README.
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 | sed 's/GLIBC_//')
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
folder=$stage/$name
mkdir -p "$folder/bin" "$folder/share/bash-completion/completions" "$folder/share/zsh/site-functions" \
    "$folder/share/fish/vendor_completions.d"
cp "$binary" "$folder/bin/kfjobs"
"$binary" --generate-completion-script bash >"$folder/share/bash-completion/completions/kfjobs"
"$binary" --generate-completion-script zsh >"$folder/share/zsh/site-functions/_kfjobs"
"$binary" --generate-completion-script fish >"$folder/share/fish/vendor_completions.d/kfjobs.fish"
if [ -n "$manual" ]; then
    mkdir -p "$folder/share/man/man1"
    cp "$manual" "$folder/share/man/man1/kfjobs.1"
fi
cp "$root/LICENSE" "$folder/LICENSE"
cat >"$folder/README.md" <<README
# kfjobs $version ($platform)

Declarative YAML job manifests turned into Keyfactor Command custom orchestrator jobs.
\`$("$binary" --version)\`

This folder is laid out as an install prefix: copy \`bin/\` and \`share/\` under one (\`/usr/local\`,
\`~/.local\`), or run the project's \`scripts/install.sh\`, which verifies the checksum and does that.
The binary needs nothing but glibc $glibc or later on x86_64 Linux (README, "Install", says which distributions).

Start with \`kfjobs --help\` and \`kfjobs apply MANIFEST --simulate\` (against the built-in simulator);
\`man kfjobs\` once \`share/man\` is on the MANPATH.
README

mkdir -p "$out"
# Owner, group and times fixed, names sorted: the same inputs give the same tarball.
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - "$name" | gzip -n "-$compression" >"$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "package.sh: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)), sha256 $(cut -d' ' -f1 "$out/$name.tar.gz.sha256")"
