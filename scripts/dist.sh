#!/usr/bin/env bash
# Builds the release tarball (`make dist`): the `sluice` product in release mode with the Swift runtime
# linked statically, stripped, packed with README.md as dist/sluice-<version>-linux-<arch>.tar.gz, plus a
# .deb whose Depends: names the Debian packages of the shared libraries left (docs/decisions/0008-static-binary.md).
#
#   scripts/dist.sh             # build, check, pack; prints the tarball's path last
#   scripts/dist.sh path        # prints the tarball's path for this version and machine (builds nothing)
#   scripts/dist.sh packages    # prints the runtime packages README.md tells a host to install
#
# The build has its own scratch folder (.build-dist) so it never invalidates the debug build in .build.
# The build fails if any Swift runtime library is still loaded dynamically, or if the packages of the
# libraries it needs differ from README.md's "Install from the release tarball" list.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SLUICE_DIST_SCRATCH:-.build-dist}
SWIFT=${SWIFT:-swift}

die() { echo "dist: $*" >&2; exit 1; }

version() {
    sed -n 's/^ *static let current = "\([^"]*\)".*/\1/p' Sources/sluice/Sluice.swift | head -n 1
}

# Debian's name for this machine's architecture.
arch() {
    case "$(uname -m)" in
        x86_64) echo amd64 ;;
        aarch64 | arm64) echo arm64 ;;
        armv7l) echo armhf ;;
        *) uname -m ;;
    esac
}

tarball() { echo "dist/sluice-$(version)-linux-$(arch).tar.gz"; }

# The packages on README.md's `apt-get install` line under "Install from the release tarball".
readme_packages() {
    awk '/^## Install from the release tarball/ { s = 1; next } /^## / { s = 0 }
         s && /apt-get install/ { for (i = 1; i <= NF; i++) if (p) print $i; else if ($i == "install") p = 1; exit }' README.md |
        grep -v '^-' | sort -u
}

# Runtime files the binary reads that no NEEDED entry shows: zone data, CA certificates for https (S3).
DATA_PACKAGES="tzdata ca-certificates"

# The Debian package owning each shared library the binary itself names (NEEDED), plus DATA_PACKAGES.
needed_packages() {
    local bin=$1 lib path pkg
    for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        path=$(ldd "$bin" | awk -v l="$lib" '$1 == l { print $3 } $1 ~ ("/" l "$") { print $1 }')
        [ -n "$path" ] || die "$lib is not found on this machine"
        # dpkg knows a file by the path its package ships, which usrmerge may have moved under /usr.
        pkg=$( { dpkg -S "$path" || dpkg -S "$(readlink -f "$path")" || dpkg -S "${path#/usr}"; } 2>/dev/null |
            head -n 1 | cut -d: -f1)
        [ -n "$pkg" ] || die "no Debian package owns $path"
        echo "$pkg"
    done
    printf '%s\n' $DATA_PACKAGES
}

build() {
    local v a out bin
    v=$(version); a=$(arch)
    [ -n "$v" ] || die "no 'static let current = \"...\"' in Sources/sluice/Sluice.swift"
    out=$(tarball)

    # Static Foundation's FoundationXML links libxml2 (-lxml2): the linker needs libxml2-dev's libxml2.so.
    if ! dpkg -s libxml2-dev >/dev/null 2>&1; then
        local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get install -y -qq libxml2-dev >/dev/null
    fi
    echo "building sluice $v for linux-$a (release, static Swift runtime) in $SCRATCH" >&2
    "$SWIFT" build -c release --product sluice --static-swift-stdlib --scratch-path "$SCRATCH" >&2
    bin="$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)/sluice"
    [ -x "$bin" ] || die "no binary at $bin"

    STAGE=$(mktemp -d)
    trap 'rm -rf "$STAGE"' EXIT
    local stage=$STAGE
    cp "$bin" "$stage/sluice"
    strip --strip-all "$stage/sluice"
    cp README.md "$stage/README.md"

    # No Swift runtime may remain dynamic: that is the point of this build. (ICU may: Debian's libxml2
    # loads its own libicu; Foundation's ICU is the static lib_FoundationICU.)
    if ldd "$stage/sluice" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|lib_Foundation' >&2; then
        die "the binary still loads the Swift runtime dynamically (above)"
    fi
    local got="$("$stage/sluice" --version)"
    [ "$got" = "$v" ] || die "the binary says its version is '$got', Sluice.swift says '$v'"

    local needed readme
    needed=$(needed_packages "$stage/sluice" | sort -u)
    readme=$(readme_packages)
    if [ "$needed" != "$readme" ]; then
        die "README.md's install line lists: $(echo $readme); the binary needs: $(echo $needed). Update README.md."
    fi

    mkdir -p dist
    rm -f "$out"
    tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out" sluice README.md

    # The same binary as a .deb, its dependencies in Depends:.
    local deb="dist/sluice_${v}_${a}.deb" root="$stage/deb"
    mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/sluice"
    cp "$stage/sluice" "$root/usr/bin/sluice"
    cp README.md "$root/usr/share/doc/sluice/README.md"
    cat >"$root/DEBIAN/control" <<EOF
Package: sluice
Version: $v
Architecture: $a
Maintainer: Sluice <sluice@localhost>
Depends: $(echo $needed | sed 's/ /, /g')
Section: database
Priority: optional
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Description: Airflow-compatible scheduler that exports PostgreSQL tables to data lakes
 One native binary: YAML DAG files, Airflow's templates and schedules, exports to Parquet,
 CSV and JSON lines on local folders or S3, with its state in SQLite.
EOF
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null

    echo "shared libraries left (ldd):" >&2
    ldd "$stage/sluice" | sed 's/^/  /' >&2
    echo "runtime packages: $(echo $needed)" >&2
    echo "$deb: $(du -h "$deb" | cut -f1)" >&2
    echo "$out: $(du -h "$out" | cut -f1)" >&2
    echo "$out"
}

case "${1:-build}" in
    build) build ;;
    path) tarball ;;
    packages) readme_packages ;;
    *) echo "usage: $0 [build|path|packages]" >&2; exit 2 ;;
esac
