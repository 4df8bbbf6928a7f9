#!/usr/bin/env bash
# `make test-dist`: the release tarball runs on a plain Debian 12 with no Swift toolchain.
#
# Needs root (debootstrap, chroot, mount) and the Debian mirror of this machine's apt sources. It:
#   1. builds dist/sluice-<version>-linux-<arch>.tar.gz if it is missing (scripts/dist.sh);
#   2. makes a clean bookworm root with `debootstrap --variant=minbase`, cached as a tarball under
#      /var/cache/sluice-test-dist/ (a second run only unpacks it);
#   3. installs in it exactly the packages README.md's "Install from the release tarball" lists, and unpacks
#      `sluice` from the tarball into /usr/local/bin as README.md says;
#   4. starts a throwaway PostgreSQL on the host (the chroot shares the network, so 127.0.0.1 reaches it)
#      and runs inside the root: `sluice --version`, `sluice dags validate` and `sluice dags test` of a DAG
#      with a SQL task and two export tasks into a file:// lake inside the root, then checks the lake;
#   5. checks there is no Swift toolchain or Swift runtime anywhere in the root;
#   6. installs the .deb (if built) in a second clean root with apt, which must find every Depends:.
# Prints PASS or FAIL last and exits non-zero on failure. Environment: SLUICE_DIST_MIRROR (a Debian
# mirror URL; default: the one in /etc/apt/sources*), SLUICE_DIST_CACHE (default /var/cache/sluice-test-dist),
# SLUICE_DIST_PG_DIR (default /tmp/pg-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

CACHE=${SLUICE_DIST_CACHE:-/var/cache/sluice-test-dist}
PG_DIR=${SLUICE_DIST_PG_DIR:-/tmp/pg-dist}
SUITE=bookworm
LOGICAL_DATE=2026-11-01   # naive, so in the DAG's Europe/Berlin: the interval starts 2026-10-31T23:00Z
LAKE_DAY=2026-10-31       # `ds` is the logical date in UTC, as in Airflow
STARTED=$(date +%s)
STEP="start"
WORK=""
ROOTS=()

say() { echo "test-dist: $*"; }
fail() { echo "test-dist: $*" >&2; exit 1; }
step() { STEP=$1; say "[$(( $(date +%s) - STARTED ))s] $1"; }

# Unmounts everything under a root, deepest first; true when nothing is left mounted there.
unmount_all() {
    local root=$1 m
    for m in $(findmnt -rn -o TARGET | grep -F "$root/" | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    ! findmnt -rn -o TARGET | grep -qF "$root/"
}

cleanup() {
    local rc=$? root
    set +e
    for root in "${ROOTS[@]}"; do
        if ! unmount_all "$root"; then
            echo "test-dist: could not unmount everything under $root; left in place" >&2
            WORK=""  # never remove a tree with a mount (a bind of /dev) still inside
            rc=1
        fi
    done
    [ -n "$WORK" ] && rm -rf "$WORK"
    bash "$REPO/scripts/pg-test-server.sh" stop "$PG_DIR" >/dev/null 2>&1
    if [ "$rc" = 0 ]; then
        say "PASS ($(( $(date +%s) - STARTED ))s)"
    else
        echo "test-dist: FAIL at step: $STEP ($(( $(date +%s) - STARTED ))s)" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot and mount): run it with sudo"

ARCH=$(dpkg --print-architecture)
TARBALL=$(bash scripts/dist.sh path)
DEB="dist/sluice_$(basename "$TARBALL" | sed -E 's/^sluice-(.*)-linux-.*\.tar\.gz$/\1/')_$ARCH.deb"
PACKAGES=$(bash scripts/dist.sh packages | tr '\n' ' ')
[ -n "$PACKAGES" ] || fail "README.md has no apt-get install line under 'Install from the release tarball'"

step "debootstrap"
command -v debootstrap >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }

# The Debian mirror this machine's apt already uses.
mirror() {
    if [ -n "${SLUICE_DIST_MIRROR:-}" ]; then echo "$SLUICE_DIST_MIRROR"; return; fi
    local url
    url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -v '^\s*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')
    echo "${url:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)

# The clean base root, made once and kept as a tarball. The lock makes concurrent runs wait for one build.
mkdir -p "$CACHE"
BASE="$CACHE/$SUITE-minbase-$ARCH.tar.zst"
exec 9>"$CACHE/.lock"
flock 9
for stale in "$CACHE"/.base.*; do  # left by an interrupted debootstrap
    [ -d "$stale" ] && unmount_all "$stale" && rm -rf "$stale"
done
if [ ! -s "$BASE" ]; then
    say "no cached base root: debootstrap $SUITE from $MIRROR (a few minutes)"
    tmp=$(mktemp -d "$CACHE/.base.XXXXXX")
    chmod 755 "$tmp"  # a root's / must be readable by its users (apt's _apt)
    ROOTS+=("$tmp")
    debootstrap --variant=minbase "$SUITE" "$tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
        { tail -n 20 "$CACHE/debootstrap.log" >&2; fail "debootstrap failed (log: $CACHE/debootstrap.log)"; }
    echo "deb $MIRROR $SUITE main" >"$tmp/etc/apt/sources.list"
    cp /etc/resolv.conf "$tmp/etc/resolv.conf"
    chroot "$tmp" apt-get update -qq || fail "apt-get update failed in the new root"
    chroot "$tmp" apt-get clean  # debootstrap's .debs; the roots share $CACHE/archives instead
    tar -C "$tmp" --numeric-owner -I 'zstd -T0 -3' -cf "$BASE.tmp" .
    mv "$BASE.tmp" "$BASE"
    unmount_all "$tmp" && rm -rf "$tmp"
else
    say "cached base root $BASE"
fi
flock -u 9

step "dist tarball"
if [ ! -f "$TARBALL" ]; then
    bash scripts/dist.sh >/dev/null
fi
[ -f "$TARBALL" ] || fail "scripts/dist.sh made no $TARBALL"
say "$TARBALL ($(du -h "$TARBALL" | cut -f1))"

WORK=$(mktemp -d /var/tmp/sluice-test-dist.XXXXXX)

# A fresh root from the base, with /proc, /dev, DNS and a shared .deb cache.
new_root() {
    local root=$1
    mkdir -p "$root"
    ROOTS+=("$root")
    tar -C "$root" --numeric-owner -I zstd -xf "$BASE"
    chmod 755 "$root"
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mkdir -p "$CACHE/archives/partial"
    mount --bind "$CACHE/archives" "$root/var/cache/apt/archives"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
}

# Runs a command in a root with a clean environment.
in_root() {
    local root=$1; shift
    chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

# apt-get install in a root; the package lists cached in the base are refreshed only when they are stale.
apt_install() {
    local root=$1; shift
    in_root "$root" apt-get install -y -qq --no-install-recommends "$@" >"$WORK/apt.log" 2>&1 && return
    in_root "$root" apt-get update -qq >>"$WORK/apt.log" 2>&1 &&
        in_root "$root" apt-get install -y -qq --no-install-recommends "$@" >>"$WORK/apt.log" 2>&1 ||
        { tail -n 20 "$WORK/apt.log" >&2; fail "apt-get install $* failed in the root"; }
}

no_swift_in() {
    local root=$1 found
    [ ! -e "$root/usr/bin/swift" ] || fail "$root/usr/bin/swift exists: the root is not toolchain-free"
    found=$(find "$root" -xdev \( -name 'libswiftCore.so*' -o -name 'libFoundation.so*' -o -name 'swift-frontend' \) -print -quit)
    [ -z "$found" ] || fail "Swift runtime or toolchain in the root: $found"
}

ROOT="$WORK/root"
step "clean root"
new_root "$ROOT"
no_swift_in "$ROOT"

step "apt-get install $PACKAGES"
apt_install "$ROOT" $PACKAGES

step "unpack the tarball"
[ "$(tar -tzf "$TARBALL" | sort | tr '\n' ' ')" = "README.md sluice " ] || fail "the tarball should hold exactly sluice and README.md"
tar -C "$ROOT/usr/local/bin" -xzf "$TARBALL" sluice
if in_root "$ROOT" ldd /usr/local/bin/sluice | grep 'not found'; then
    fail "shared libraries missing in the root (above): README.md's package list is incomplete"
fi

step "sluice --version"
in_root "$ROOT" sluice --version

step "PostgreSQL on the host"
URI=$(bash scripts/pg-test-server.sh start "$PG_DIR")
PGOPTIONS=--client-min-messages=warning psql "$URI" -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS dist_events;
    CREATE TABLE dist_events (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(10,2), ts timestamptz NOT NULL);"

# A small project in the root: a SQL task fills the interval's rows, two exports write them to the lake.
PROJECT="$ROOT/srv/project"
mkdir -p "$PROJECT/dags"
cat >"$PROJECT/dags/dist_check.yaml" <<'YAML'
dag_id: dist_check
description: The release binary on a clean Debian root
schedule: "@daily"
start_date: 2026-10-01
timezone: Europe/Berlin
catchup: false
default_args: {connection: warehouse, retries: 0}
tasks:
  - task_id: load
    sql: |
      INSERT INTO dist_events
      SELECT g, 'event ' || g, g * 1.25, '{{ data_interval_start }}'::timestamptz + g * interval '1 minute'
      FROM generate_series(1, 100) AS g
      ON CONFLICT (id) DO NOTHING;
  - task_id: export_parquet
    type: export
    table: dist_events
    timestamp_column: ts
    mode: delta
    format: parquet
    compression: zstd
    destination: lake
    path: "events/day={{ ds }}"
    audits: [row_count_matches_source, {not_null: [id, ts]}, {min_rows: 100}]
    depends_on: [load]
  - task_id: export_csv
    type: export
    table: dist_events
    timestamp_column: ts
    mode: delta
    format: csv
    compression: gzip
    destination: lake
    path: "events_csv/day={{ ds }}"
    audits: [row_count_matches_source]
    depends_on: [load]
YAML

run_sluice() {
    in_root "$ROOT" /bin/sh -c 'cd /srv/project && exec "$@"' sh \
        env SLUICE_CONN_WAREHOUSE="$URI" SLUICE_DEST_LAKE=file:///srv/lake sluice "$@"
}

step "sluice dags validate"
run_sluice dags validate

step "sluice dags test dist_check $LOGICAL_DATE"
run_sluice dags test dist_check "$LOGICAL_DATE"

step "the lake"
for part in "events/day=$LAKE_DAY" "events_csv/day=$LAKE_DAY"; do
    dir="$ROOT/srv/lake/$part"
    [ -f "$dir/_SUCCESS" ] && [ -f "$dir/_manifest.json" ] || fail "no published partition at /srv/lake/$part"
    ls "$dir"
done
ls "$ROOT/srv/lake/events/day=$LAKE_DAY"/part-*.parquet >/dev/null || fail "no Parquet part in the lake"
manifest="$ROOT/srv/lake/events/day=$LAKE_DAY/_manifest.json"
rows=$(sed -n 's/^ *"total_rows" *: *\([0-9]*\).*/\1/p' "$manifest")
[ "$rows" = 100 ] || fail "the Parquet partition's manifest says $rows rows, not 100"
csv_rows=$(zcat "$ROOT/srv/lake/events_csv/day=$LAKE_DAY"/part-*.csv.gz | tail -n +2 | wc -l)
[ "$csv_rows" = 100 ] || fail "the CSV partition holds $csv_rows rows, not 100"
say "100 rows in Parquet and in CSV"
grep -q '"data_interval_start" *: *"2026-10-31T23:00:00' "$manifest" ||
    fail "the manifest's data interval does not start at 2026-10-31T23:00Z: Europe/Berlin was not resolved"

step "no Swift toolchain in the root"
no_swift_in "$ROOT"

if [ -f "$DEB" ]; then
    step "apt-get install ./$(basename "$DEB") in a second clean root"
    DEBROOT="$WORK/debroot"
    new_root "$DEBROOT"
    cp "$DEB" "$DEBROOT/tmp/"
    apt_install "$DEBROOT" "/tmp/$(basename "$DEB")"
    in_root "$DEBROOT" sluice --version
    in_root "$DEBROOT" /bin/sh -c 'cd /tmp && mkdir -p dags && sluice dags validate'
    no_swift_in "$DEBROOT"
fi
STEP="done"
