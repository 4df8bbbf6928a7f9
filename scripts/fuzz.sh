#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets and runs each one on its committed seed corpus.
#
#   scripts/fuzz.sh                  # build, then run every target for FUZZ_SECONDS (default 60) each
#   scripts/fuzz.sh build            # build only
#   scripts/fuzz.sh run TARGET...    # build, then run only these targets
#
# The modules under test are compiled straight with swiftc (no SwiftPM): each library module once, with
# `-sanitize=fuzzer,address` (coverage feedback and AddressSanitizer) and `-enable-testing`, into
# .build/fuzz; each target is then linked against the modules it imports, with libFuzzer's main.
# Yams (and its C libyaml) comes from the package checkout, resolved with `swift package resolve`.
# A target that crashes fails the script, which prints the reproducer path and the command to replay it.
# Runs are one at a time, each a single in-process fuzzer (no -jobs/-workers): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=(dag-file template cron connection-uri copy-binary)
OUT=.build/fuzz
MODS=$OUT/modules
SWIFTC=${SWIFTC:-swiftc}
CLANG=${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}
SAN=(-sanitize=fuzzer,address)
SWIFT_FLAGS=(-O -g "${SAN[@]}" -parse-as-library -enable-testing -wmo -swift-version 5 -I "$MODS")

# The sources each library module is compiled from, and the modules/C libraries it needs.
module_sources() {
    case "$1" in
        Yams) find "$YAMS/Sources/Yams" -name '*.swift' | sort ;;
        BigInt) find "$BIGINT/Sources" -name '*.swift' | sort ;;
        *) find "Sources/$1" -name '*.swift' | sort ;;
    esac
}
module_flags() {
    case "$1" in
        Yams) echo "-D SWIFT_PACKAGE -I $YAMS/Sources/CYaml/include -Xcc -DYAML_DECLARE_STATIC" ;;
        SluicePostgres) echo "-I Sources/CLibPQ" ;;
        SluiceFormats) echo "-I Sources/CZlib -I Sources/CZstd" ;;
        SluiceDefinitions) echo "-I $YAMS/Sources/CYaml/include" ;;
        *) echo "" ;;
    esac
}
# The modules (in dependency order) and extra libraries each target links.
target_modules() {
    case "$1" in
        dag-file) echo "SluiceCore BigInt SluiceTemplates Yams SluiceDefinitions" ;;
        template) echo "SluiceCore BigInt SluiceTemplates" ;;
        cron) echo "SluiceCore" ;;
        connection-uri) echo "SluiceBlocking SluicePostgres" ;;
        copy-binary) echo "SluiceFormats" ;;
    esac
}
target_libs() {
    case "$1" in
        dag-file) echo "$OUT/cyaml.a" ;;
        connection-uri) echo "-lpq" ;;
        copy-binary) echo "-lz -lzstd" ;;
    esac
}

# Rebuilds $OUT/$1.o when any of its sources is newer.
build_module() {
    local name=$1 obj=$OUT/$1.o
    local sources=()
    mapfile -t sources < <(module_sources "$name")   # BigInt's file names have spaces
    if [ -f "$obj" ] && [ -z "$(find "${sources[@]}" -newer "$obj" 2>/dev/null | head -n 1)" ]; then return; fi
    echo "fuzz: compiling $name"
    # shellcheck disable=SC2046
    "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name "$name" $(module_flags "$name") \
        -emit-module -emit-module-path "$MODS/$name.swiftmodule" -c -o "$obj" "${sources[@]}"
    touch "$obj"   # swiftc leaves an unchanged object file untouched
}

build_cyaml() {
    local archive=$OUT/cyaml.a
    [ -f "$archive" ] && return
    echo "fuzz: compiling libyaml"
    local objs=()
    for c in "$YAMS"/Sources/CYaml/src/*.c; do
        local o; o=$OUT/cyaml-$(basename "$c" .c).o
        "$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC \
            -I "$YAMS/Sources/CYaml/include" -o "$o" "$c"
        objs+=("$o")
    done
    ar rcs "$archive" "${objs[@]}"
}

build_target() {
    local t=$1 bin=$OUT/bin/$1 objs=()
    for m in $(target_modules "$t"); do objs+=("$OUT/$m.o"); done
    if [ -f "$bin" ] && [ -z "$(find "Fuzz/Targets/$t.swift" "${objs[@]}" -newer "$bin" | head -n 1)" ]; then return; fi
    echo "fuzz: linking $t"
    # shellcheck disable=SC2046
    "$SWIFTC" "${SWIFT_FLAGS[@]}" -use-ld=lld -module-name "FuzzTarget" -I "$YAMS/Sources/CYaml/include" \
        -I Sources/CLibPQ -I Sources/CZlib -I Sources/CZstd \
        "Fuzz/Targets/$t.swift" "${objs[@]}" $(target_libs "$t") -o "$bin"
}

build_all() {
    mkdir -p "$MODS" "$OUT/bin"
    [ -d .build/checkouts/Yams ] && [ -d .build/checkouts/BigInt ] || swift package resolve >/dev/null
    YAMS=.build/checkouts/Yams
    BIGINT=.build/checkouts/BigInt
    build_cyaml
    for m in SluiceCore BigInt SluiceTemplates Yams SluiceDefinitions SluiceBlocking SluicePostgres SluiceFormats; do build_module "$m"; done
    for t in "${TARGETS[@]}"; do build_target "$t"; done
}

# Runs one target on a scratch copy of its corpus (new inputs stay out of the committed seeds).
run_target() {
    local t=$1 work=$OUT/work/$1
    local dict=()
    [ -f "Fuzz/Dictionaries/$t.dict" ] && dict=(-dict="Fuzz/Dictionaries/$t.dict")
    rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
    echo "fuzz: running $t for ${SECONDS_EACH}s"
    set +e
    # Swift's own crash backtracer would wait on the crashed process: libFuzzer reports the crash instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$OUT/bin/$t" "$work/corpus" "Fuzz/Corpus/$t" "${dict[@]}" \
        -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1
    local status=$?
    set -e
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec" "$work/log" | sed "s/^/fuzz: $t /" || true
    if [ "$status" -ne 0 ]; then
        local artifact; artifact=$(ls "$work"/artifacts/* 2>/dev/null | head -n 1)
        grep -m 1 -E "ERROR: (libFuzzer|AddressSanitizer)|Fatal error|SUMMARY" "$work/log" | sed "s/^/fuzz: $t /" || true
        echo "fuzz: $t FAILED (exit $status); log: $work/log" >&2
        echo "fuzz: reproducer: ${artifact:-none}; replay: $OUT/bin/$t ${artifact:-<file>}" >&2
        return 1
    fi
    echo "fuzz: $t passed"
}

build_all
case "${1:-all}" in
    build) exit 0 ;;
    run) shift; selected=("$@") ;;
    all) selected=("${TARGETS[@]}") ;;
    *) echo "usage: $0 [build | run TARGET...]" >&2; exit 2 ;;
esac
failed=()
for t in "${selected[@]}"; do run_target "$t" || failed+=("$t"); done
if [ ${#failed[@]} -gt 0 ]; then echo "fuzz: crashed: ${failed[*]}" >&2; exit 1; fi
echo "fuzz: ${#selected[@]} targets ran ${SECONDS_EACH}s each without a crash"
