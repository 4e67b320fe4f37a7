#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/bench's tool "window" (source it, don't run it): the same workloads as blobferry-cli,
# through the desktop window's queue (build/bin/tests/blobferry-gui-transfer): the big file
# and the small files, up and down, on the same Azurite in the same rounds.
# - The window runs offscreen inside tests/fixtures/gui-session.sh (a throwaway HOME, D-Bus
#   session and keyring), on its "Local emulator" account pointed at the bench's Azurite.
# - Its wall time is the one it prints: from the drop (or "Download to…" on the container's
#   whole selection) to the last row in Completed. The window's start-up and the browse to the
#   container are left out, as a user does them once; the CLI's row includes its start-up and
#   its listing, so the ratio leans, slightly, in the window's favour. CPU and peak RSS are the
#   whole process's (start-up included).
# - Same defaults as the CLI's: concurrency 16 on two cores, the MD5 checks on. The window
#   always keeps a journal (it resumes after a quit); the CLI keeps none unless given /Z.
# - A folder dropped lands under its own name (small/file-…), the CLI's files at the root:
#   the same files and bytes.

WINDOW_BIN="$BLOBFERRY_ROOT/build/bin/tests/blobferry-gui-transfer"

# Prints the window's command line for WORKLOAD into CMD (an upload's container is made first,
# untimed, as a user's would already exist).
# shellcheck disable=SC2034 # CMD is scripts/bench's
window_command_for() {
    local workload=$1 container=$2 dest=$3
    local run=(env QT_QPA_PLATFORM=offscreen BLOBFERRY_EMULATOR_ENDPOINT="$ENDPOINT"
        "$BLOBFERRY_ROOT/tests/fixtures/gui-session.sh" "$WINDOW_BIN")
    case $workload in
    upload1g) rclone mkdir az:"$container" && CMD=("${run[@]}" upload "$WORK/big/big.bin" "$container") ;;
    uploadsmall) rclone mkdir az:"$container" && CMD=("${run[@]}" upload "$WORK/small" "$container") ;;
    download1g) CMD=("${run[@]}" download seed-big "$dest") ;;
    downloadsmall) CMD=("${run[@]}" download seed-small "$dest") ;;
    esac
}

window_runs() { [[ $1 =~ ^(upload1g|download1g|uploadsmall|downloadsmall)$ ]]; }

# The wall time the window printed (its log), in place of the process's.
window_wall() { awk '$1 == "elapsed_s" {print $2}' "$1"; }

# One line per workload measured both ways: the window's median wall over the CLI's.
window_targets() {
    has window "$TOOLS" && has blobferry "$TOOLS" || return 0
    local w r
    for w in upload1g download1g uploadsmall downloadsmall; do
        selected "$w" || continue
        r=$(ratio "$w" wall blobferry window)
        [[ $r == - ]] || echo "- $(label "$w") through the window ÷ blobferry-cli, wall: $r (target ≤ 1.1)"
    done
}
