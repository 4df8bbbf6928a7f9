#!/usr/bin/env bash
# Lists every trap left in Sources/ (fatalError, try!, precondition, preconditionFailure, force unwraps,
# as!, unsafelyUnwrapped) and compares them with the allowlist, Fuzz/traps-allowlist.txt, whose lines are
#
#   Sources/Module/File.swift: the trimmed code line — why it cannot trap on user input
#
# An entry matches one site: same file, and the snippet is the site's code line (comments removed,
# whitespace trimmed) or a part of it; line numbers play no part, so edits elsewhere do not break it.
# Exits 1 naming every site missing from the allowlist and every entry that matches no site any more.
#   scripts/check-traps.sh          # check
#   scripts/check-traps.sh --list   # print every site as an allowlist line to fill in (reason "TODO")
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "${1:-}" <<'PY'
import os, re, sys

ALLOWLIST = "Fuzz/traps-allowlist.txt"
TRAPS = [
    ("fatalError", re.compile(r"\bfatalError\(")),
    ("try!", re.compile(r"\btry!")),
    ("precondition", re.compile(r"\bprecondition(Failure)?\(")),
    ("as!", re.compile(r"\bas!")),
    ("unsafelyUnwrapped", re.compile(r"\bunsafelyUnwrapped\b")),
    # A postfix `!` on an expression: after an identifier, `)` or `]`, followed by a member access,
    # a subscript, a closing bracket, a comma, a semicolon, a space or the end of the line (so `!=` and
    # prefix `!x` do not count).
    ("force unwrap", re.compile(r"[A-Za-z0-9_)\]]!(?=[.)\]\[},;\s]|$)")),
]

def code_lines(path):
    """Yields (line number, code) with comments and the contents of string literals blanked out."""
    in_block = 0          # nesting depth of /* */ comments
    in_multi = False      # inside a """ string
    for number, raw in enumerate(open(path, encoding="utf-8"), 1):
        out, i, line = [], 0, raw.rstrip("\n")
        while i < len(line):
            if in_block:
                if line.startswith("*/", i): in_block -= 1; i += 2
                elif line.startswith("/*", i): in_block += 1; i += 2
                else: i += 1
                continue
            if in_multi:
                if line.startswith('"""', i): in_multi = False; out.append('""'); i += 3
                else: i += 2 if line[i] == "\\" else 1
                continue
            if line.startswith("//", i): break
            if line.startswith("/*", i): in_block = 1; i += 2; continue
            if line.startswith('"""', i): in_multi = True; i += 3; continue
            if line[i] == '"':
                j = i + 1
                while j < len(line) and line[j] != '"':
                    j += 2 if line[j] == "\\" else 1
                out.append('""'); i = j + 1; continue
            out.append(line[i]); i += 1
        yield number, "".join(out).strip(), raw.strip()

sites = []   # (path, line number, kind, code)
for root, dirs, files in os.walk("Sources"):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".swift"): continue
        path = os.path.join(root, name)
        for number, code, raw in code_lines(path):
            # `as!` and `try!` are kinds of their own, not force unwraps.
            plain = re.sub(r"\b(as|try)!", "", code)
            kinds = [kind for kind, pattern in TRAPS if pattern.search(plain if kind == "force unwrap" else code)]
            if kinds:
                # The snippet is the real line minus a trailing comment (string contents kept).
                snippet = re.sub(r"\s+//.*$", "", raw) if "//" in raw and "//" not in code else raw
                sites.append((path, number, ", ".join(kinds), snippet))

if sys.argv[1] == "--list":
    for path, number, kind, snippet in sites:
        print(f"{path}: {snippet} — TODO ({kind}, line {number})")
    sys.exit(0)

entries = []  # [path, snippet, reason, line in allowlist, used]
for number, line in enumerate(open(ALLOWLIST, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"): continue
    path, sep, rest = line.partition(": ")
    snippet, sep2, reason = rest.partition(" — ")
    if not sep or not sep2 or not reason.strip() or "TODO" in reason:
        print(f"{ALLOWLIST}:{number}: not 'path: snippet — reason': {line}")
        sys.exit(2)
    entries.append([path.strip(), snippet.strip(), reason.strip(), number, False])

unlisted = []
for path, number, kind, snippet in sites:
    entry = next((e for e in entries if not e[4] and e[0] == path and e[1] in snippet), None)
    if entry: entry[4] = True
    else: unlisted.append(f"{path}:{number}: {kind}: {snippet}")
stale = [f"{ALLOWLIST}:{e[3]}: {e[0]}: {e[1]}" for e in entries if not e[4]]

for site in unlisted: print(f"trap not in the allowlist: {site}")
for entry in stale: print(f"allowlist entry matches no trap any more (remove it): {entry}")
if unlisted or stale:
    print(f"check-traps: {len(unlisted)} unlisted trap(s), {len(stale)} stale entr(ies); "
          f"make each site unable to trap, or add it to {ALLOWLIST} with the reason it cannot trap on user input")
    sys.exit(1)
print(f"check-traps: {len(sites)} trap sites in Sources/, all in the allowlist with a reason")
PY
