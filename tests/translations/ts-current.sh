#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The committed .ts file holds exactly the strings marked for translation: lupdate run on a
# copy changes nothing. Usage: ts-current.sh LUPDATE TS_FILE SOURCE_DIR...
set -euo pipefail
lupdate=$1
ts=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$ts" "$tmp/current.ts"
"$lupdate" -no-obsolete -locations none -source-language en -target-language en "$@" \
    -ts "$tmp/current.ts" >"$tmp/lupdate.log" 2>&1 || {
    cat "$tmp/lupdate.log" >&2
    exit 1
}
if ! diff -u "$ts" "$tmp/current.ts" >"$tmp/diff"; then
    echo "ts-current: $ts is out of date; run cmake --build build --target update_translations" >&2
    head -30 "$tmp/diff" >&2
    exit 1
fi
grep -c '<message>' "$ts" | sed 's/^/ts-current: messages: /'
