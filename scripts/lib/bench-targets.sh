#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/bench's lines of targets (source it, don't run it): each ratio the run measured
# beside the target it is held to. Uses scripts/bench's med, ratio, label, has and selected.

# One line per target of issue 19, then of issue 7, that this run measured: the ratio and the
# target.
targets() {
    local w=upload1g r
    check() { [[ $2 == - ]] || echo "- $1: $2 (target $3)"; }
    if has download1g "$ONLY"; then
        check "$(label download1g) without the MD5 check wall ÷ rclone" "$(ratio download1g wall rclone nocheck)" "≤ 0.8"
        check "$(label download1g) with the check (default) wall ÷ rclone" "$(ratio download1g wall rclone)" "≤ 1.3"
    fi
    if has upload1g "$ONLY"; then
        check "$(label upload1g) wall ÷ curl floor" "$(ratio upload1g wall curl)" "≤ 1.0"
        check "$(label upload1g) client CPU ÷ (one MD5 pass + curl's send)" "$(upload_cpu_floor_ratio)" "≤ 1.15"
    fi
    if has downloadsmall "$ONLY"; then
        check "$(label downloadsmall-https) wall ÷ rclone" "$(ratio downloadsmall-https wall rclone)" "≤ 0.8"
    fi
    if has blobferry "$TOOLS" || has nocheck "$TOOLS"; then
        r=$(awk -F'\t' '$2 == "blobferry" || $2 == "nocheck" {print $7 / 1024}' "$RAW" | sort -g | tail -n 1)
        [[ -n $r ]] && echo "- blobferry peak RSS, every run: $(printf '%.0f' "$r") MiB at most (target ≤ 100)"
    fi
    echo "- (issue 7's, still reported:)"
    if has upload1g "$ONLY"; then
        check "$(label upload1g) wall ÷ rclone" "$(ratio upload1g wall rclone)" "≤ 0.7"
        check "$(label upload1g) wall ÷ curl floor" "$(ratio upload1g wall curl)" "≤ 1.1"
        check "$(label upload1g) client CPU ÷ rclone" "$(ratio upload1g cpu rclone)" "≤ 0.5"
    fi
    if has download1g "$ONLY"; then check "$(label download1g) wall ÷ rclone" "$(ratio download1g wall rclone)" "≤ 1.0"; fi
    if has uploadsmall "$ONLY"; then check "$(label uploadsmall) wall ÷ rclone" "$(ratio uploadsmall wall rclone)" "≤ 0.7"; fi
    if has downloadsmall "$ONLY"; then check "$(label downloadsmall) wall ÷ rclone" "$(ratio downloadsmall wall rclone)" "≤ 0.8"; fi
    for w in upload1g download1g; do
        if ! has "$w" "$ONLY" || ! has blobferry "$TOOLS"; then continue; fi
        r=$(med "$w" blobferry rss)
        [[ -n $r ]] && echo "- $(label "$w") blobferry peak RSS: $(printf '%.0f' "$r") MiB (target ≤ 100)"
    done
    window_targets
    scale_targets
}

# The big upload's CPU over its floor: one MD5 pass (openssl) plus curl's CPU to send the file.
upload_cpu_floor_ratio() {
    local a m c
    a=$(med upload1g blobferry cpu)
    m=$(med upload1g md5 cpu)
    c=$(med upload1g curl cpu)
    if [[ -z $a || -z $m || -z $c ]]; then echo -; else awk -v a="$a" -v b="$m" -v c="$c" 'BEGIN {printf "%.2f", a / (b + c)}'; fi
}
