#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/bench's scale workloads (source it, don't run it): issue 7's rows about many files.
#   enumerate   a dry-run upload of BENCH_ENUM_COUNT local files (1,000 a directory, empty)
#               to an empty container, against `find DIR -type f -printf '%s %T@\n'` (the
#               floor) and rclone's `copy --dry-run`; blobferry and find again at a tenth of
#               the count (enumerate-tenth) to show whether memory stays flat
#   listing     a dry-run download of a container of BENCH_LIST_COUNT empty blobs (it lists and
#               changes nothing) against `rclone lsf -R --files-only --fast-list`, the SDK's listBlobsFlat by
#               pages of 5000, and a curl floor: the List Blobs pages one after the other (each
#               needs the marker of the one before), no parsing beyond the marker; blobferry
#               again at a tenth (listing-tenth) and on as many blobs all in one folder
#               (listing-flat: the names planner's worst case)
#   manyfiles   a real upload of BENCH_MANY_COUNT files of BENCH_MANY_KIB KiB, blobferry and
#               rclone, each run into a fresh Azurite of its own (see below)
#   downloadmany  a real download by blobferry of 100,000 empty blobs, all in one folder (the
#               names f00* of the listing's flat container, or all of it when
#               BENCH_LIST_COUNT is smaller): the listing, the names planner, a transfer, a
#               file with its time and a line of log for each, at that count. An empty blob
#               needs no Get Blob (the listing says all there is), which is why it can run
#               here: Azurite's Get Blob, like its Put Blob, looks the blob up among all the
#               account holds (rclone, which GETs each, did 21,000 in 19 min, ~54 ms a file
#               with Azurite busy and rclone idle, and was stopped). The network side's memory
#               is the concurrency's, not the count's: see the 2,000-file rows.
# Trees of files are made once (python3, an os.open per file) and kept under build/bench/;
# the listing's containers live in an Azurite directory kept there too (listing-azurite-N).
#
# How long (2 cores shared with other builds, 2026-11-24, blobferry-cli with one listing of
# the destination instead of a HEAD per file):
#   enumerate   the trees once: 45 s (1,000,000 empty files, 1,000,000 inodes) + 5 s;
#               a round ~75 s (blobferry 19 s, rclone 39 s, find 5 s, the tenth 2 s).
#               With a HEAD per file (main before the change) blobferry alone took 0.6-2.2 ms
#               a file (quiet to loaded machine): 10-35 min at 1,000,000
#   listing     filling once: ~2.5 min (writing 175 MB of database, then Azurite counting
#               the container through the API); Azurite's start on it 9 s; a round ~3.5 min
#               (blobferry 54 s, rclone 46 s, curl 29 s, SDK 54 s, the tenth 5 s): Azurite
#               sorts the container's remaining names for every page, 0.6-1 s a page of 5000
#   manyfiles   a round at 20,000 files: ~16 min (blobferry 4 min, rclone 12 min), nearly
#               all of it Azurite's; the time grows with the square of the count, so the
#               default 100,000 takes hours (BENCH_MANY_COUNT=20000 for a look)
#
# Azurite 3.35 finds a blob by scanning every blob it holds (its LokiJS query leads with the
# account name, the same for all), so each Put Blob costs time proportional to the blobs
# already stored: measured ~16 ms of Azurite CPU a Put Blob at 25,000 blobs. Hence:
# - listing: the containers are not filled through the API (hours for 200,000) but by
#   scripts/lib/azurite-fill.cjs, which writes copies of an empty blob that Azurite stored
#   through Put Blob into its database with Azurite's own LokiJS while it is stopped; the
#   listing is then counted through the API before it is trusted.
# - manyfiles: every run gets a new, empty Azurite, so no tool pays for the one before; its
#   wall time is mostly Azurite's, which grows with the square of the count. Peak RSS is the
#   row's point.

ENUM_COUNT=${BENCH_ENUM_COUNT:-1000000}
LIST_COUNT=${BENCH_LIST_COUNT:-200000}
MANY_COUNT=${BENCH_MANY_COUNT:-100000}
MANY_KIB=${BENCH_MANY_KIB:-1}
# One per count, so that a quick look at another size keeps the big one.
LIST_STATE="$OUT/listing-azurite-$LIST_COUNT"

scale_check_args() {
    local n
    for n in ENUM_COUNT LIST_COUNT MANY_COUNT MANY_KIB; do
        [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$n must be a positive number"
    done
    ((ENUM_COUNT >= 10 && LIST_COUNT >= 10)) || die "BENCH_ENUM_COUNT and BENCH_LIST_COUNT must be at least 10"
}

scale_note() { echo "$*" >>"$WORK/scale-notes.md"; echo "bench: $*" >&2; }

# make_tree DIR COUNT BYTES: COUNT files of BYTES random bytes, 1,000 a directory, made once
# (under DIR.partial, renamed when complete, so an interrupted run leaves no half tree).
make_tree() {
    local dir=$1 count=$2 bytes=$3 start=$SECONDS
    [[ -d $dir ]] && return 0
    rm -rf "$dir.partial"
    python3 - "$dir.partial" "$count" "$bytes" <<'EOF'
import os, sys
root, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(root)
for d in range((count + 999) // 1000):
    sub = os.path.join(root, "d%04d" % d)
    os.mkdir(sub)
    for i in range(d * 1000, min(count, (d + 1) * 1000)):
        fd = os.open(os.path.join(sub, "f%07d" % i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        if size:
            os.write(fd, os.urandom(size))
        os.close(fd)
EOF
    mv "$dir.partial" "$dir"
    scale_note "made $count files of $bytes bytes in $dir in $((SECONDS - start)) s (kept for later runs)"
}

enum_dir() { echo "$OUT/enum-$1"; }
many_dir() { echo "$OUT/many-$MANY_COUNT-${MANY_KIB}k"; }

# --- The listing's Azurite, kept between runs ---------------------------------------------

x_ms() { curl -sS --fail -o /dev/null -H "x-ms-version: 2020-12-06" "$@"; }

# Sets LIST_ENDPOINT, the rclone remote list: and LIST_START_S (seconds it took to listen).
start_list_azurite() {
    local start=$SECONDS
    BLOBFERRY_AZURITE_DISK=1 "$BLOBFERRY_ROOT/tests/fixtures/azurite-start.sh" "$LIST_STATE"
    LIST_ENDPOINT="http://127.0.0.1:$(<"$LIST_STATE/azurite.port")/$BLOBFERRY_DEV_ACCOUNT"
    export RCLONE_CONFIG_LIST_TYPE=azureblob RCLONE_CONFIG_LIST_SAS_URL="$LIST_ENDPOINT?$SAS"
    LIST_START_S=$((SECONDS - start))
}

stop_list_azurite() {
    BLOBFERRY_AZURITE_KEEP_DATA=1 "$BLOBFERRY_ROOT/tests/fixtures/azurite-stop.sh" "$LIST_STATE"
}

# Fills list-COUNT, list-COUNT/10 (folders of 1,000) and flat-COUNT (all at the top) once; a
# missing "filled" mark of the first two means start over, of the flat one only filling it.
prepare_listing() {
    local big="list-$LIST_COUNT" small="list-$((LIST_COUNT / 10))" flat="flat-$LIST_COUNT" start=$SECONDS
    local fill=() c
    if [[ ! -f $LIST_STATE/filled-$big || ! -f $LIST_STATE/filled-$small ]]; then
        stop_list_azurite
        rm -rf "$LIST_STATE"
        start_list_azurite
        x_ms -X PUT "$LIST_ENDPOINT/list-template?restype=container&$SAS"
        x_ms -X PUT -H "x-ms-blob-type: BlockBlob" -H "Content-Length: 0" "$LIST_ENDPOINT/list-template/template?$SAS"
        fill=("$big" "$small" "$flat")
    else
        start_list_azurite
        [[ -f $LIST_STATE/filled-$flat ]] || fill=("$flat")
    fi
    if ((${#fill[@]} == 0)); then
        scale_note "Azurite started on the kept $big, $small and $flat in $LIST_START_S s"
    else
        for c in "${fill[@]}"; do x_ms -X PUT "$LIST_ENDPOINT/$c?restype=container&$SAS"; done
        stop_list_azurite
        for c in "${fill[@]}"; do
            node "$BLOBFERRY_ROOT/scripts/lib/azurite-fill.cjs" "$BLOBFERRY_EMULATOR_DIR/node_modules/lokijs" \
                "$LIST_STATE/data/__azurite_db_blob__.json" "$BLOBFERRY_DEV_ACCOUNT" "$c" list-template template \
                "${c#*-}" "$([[ $c == flat-* ]] && echo flat || echo folders)" || die "could not fill $c"
        done
        start_list_azurite
        for c in "${fill[@]}"; do
            [[ $(rclone size --json "list:$c") == *"\"count\":${c#*-},"* ]] || die "$c does not list ${c#*-} blobs"
            touch "$LIST_STATE/filled-$c"
        done
        scale_note "filled ${fill[*]} in Azurite's database and counted them through the API in $((SECONDS - start)) s (kept in $LIST_STATE)"
    fi
    # Azurite rebuilds its indices on the first query after a start: not in anyone's timing.
    x_ms "$LIST_ENDPOINT/$small?restype=container&comp=list&maxresults=1&$SAS"
    # What one page costs Azurite: the first 5000 names of the big container, three times.
    for _ in 1 2 3; do
        curl -sS --fail -o /dev/null -w '%{time_total}\n' -H "x-ms-version: 2020-12-06" \
            "$LIST_ENDPOINT/$big?restype=container&comp=list&maxresults=5000&$SAS"
    done >"$WORK/page.txt"
}

# --- A fresh Azurite for each manyfiles run ------------------------------------------------

start_many_azurite() {
    "$BLOBFERRY_ROOT/tests/fixtures/azurite-stop.sh" "$WORK/azurite-many"
    BLOBFERRY_AZURITE_DISK=1 "$BLOBFERRY_ROOT/tests/fixtures/azurite-start.sh" "$WORK/azurite-many"
    MANY_ENDPOINT="http://127.0.0.1:$(<"$WORK/azurite-many/azurite.port")/$BLOBFERRY_DEV_ACCOUNT"
    export RCLONE_CONFIG_MANY_TYPE=azureblob RCLONE_CONFIG_MANY_SAS_URL="$MANY_ENDPOINT?$SAS"
}

# --- Hooks for scripts/bench ----------------------------------------------------------------

# Once, before the rounds: the trees, the empty container, the listing's Azurite.
scale_setup() {
    if selected enumerate; then
        make_tree "$(enum_dir "$ENUM_COUNT")" "$ENUM_COUNT" 0
        make_tree "$(enum_dir $((ENUM_COUNT / 10)))" $((ENUM_COUNT / 10)) 0
        x_ms -X PUT "$ENDPOINT/enum-empty?restype=container&$SAS"
    fi
    if selected manyfiles; then make_tree "$(many_dir)" "$MANY_COUNT" $((MANY_KIB * 1024)); fi
    if selected listing || selected downloadmany; then prepare_listing; fi
    return 0
}

scale_cleanup() {
    if [[ -f $LIST_STATE/azurite.pid ]]; then stop_list_azurite; fi
    "$BLOBFERRY_ROOT/tests/fixtures/azurite-stop.sh" "$WORK/azurite-many"
}

scale_before_run() { if [[ $1 == manyfiles ]]; then start_many_azurite; fi; }
scale_after_run() { if [[ $1 == manyfiles ]]; then "$BLOBFERRY_ROOT/tests/fixtures/azurite-stop.sh" "$WORK/azurite-many"; fi; }

# The listing's curl floor: List Blobs pages one after the other, as fast as the marker allows.
# The marker is read from the page's tail (sed over a whole 3 MB one-line page costs 0.4 s).
# shellcheck disable=SC2016 # expanded by the inner bash
CURL_LIST='n=0 marker=
while :; do
    curl -sS --fail -G -o "$3" -H "x-ms-version: 2020-12-06" --data-urlencode "marker=$marker" "$1?restype=container&comp=list&maxresults=5000&$2"
    n=$((n + $(grep -o "<Blob>" "$3" | wc -l)))
    marker=$(tail -c 2000 "$3" | sed -n "s|.*<NextMarker>\([^<]*\)</NextMarker>.*|\1|p")
    [[ -n $marker ]] || break
done
echo "$n blobs"'

# scale_command_for TOOL WORKLOAD CONTAINER DEST: the command line into CMD (empty: none).
# shellcheck disable=SC2034 # CMD is scripts/bench's
scale_command_for() {
    local tool=$1 workload=$2 container=$3 dest=$4 count dir
    count=$(scale_count "$workload")
    case $tool/$workload in
    find/enumerate*) CMD=(find "$(enum_dir "$count")" -type f -printf '%s %T@\n') ;;
    blobferry/enumerate*) CMD=("$CLI" "$(enum_dir "$count")" "$ENDPOINT/enum-empty" --dry-run --recursive) ;;
    # Without -q, so that it prints a line per file as the other two do.
    rclone/enumerate) CMD=(rclone copy --dry-run "${RCLONE_FLAGS[@]:1}" "$(enum_dir "$count")" az:enum-empty) ;;
    blobferry/listing-flat) CMD=("$CLI" "$LIST_ENDPOINT/flat-$count" "$dest" --dry-run --recursive) ;;
    blobferry/listing*) CMD=("$CLI" "$LIST_ENDPOINT/list-$count" "$dest" --dry-run --recursive) ;;
    rclone/listing) CMD=(rclone lsf -R --files-only --fast-list "${RCLONE_FLAGS[@]}" "list:list-$count") ;;
    sdk/listing) CMD=(node "$SDK_DIR/bench.mjs" listing "$LIST_ENDPOINT" "$SAS" "list-$count" "$WORK" "$dest" "$CONCURRENCY") ;;
    curl/listing) CMD=(bash -c "$CURL_LIST" curl-list "$LIST_ENDPOINT/list-$count" "$SAS" "$WORK/page.xml") ;;
    blobferry/manyfiles)
        dir=$(many_dir)
        CMD=("$CLI" "$dir" "$MANY_ENDPOINT/$container" --recursive --yes)
        ;;
    rclone/manyfiles) CMD=(rclone copy "${RCLONE_FLAGS[@]}" "$(many_dir)" "many:$container") ;;
    blobferry/downloadmany) CMD=("$CLI" "$LIST_ENDPOINT/flat-$LIST_COUNT" "$dest" f00 --yes) ;;
    *) CMD=() ;;
    esac
}

scale_count() {
    case $1 in
    enumerate) echo "$ENUM_COUNT" ;;
    enumerate-tenth) echo $((ENUM_COUNT / 10)) ;;
    listing | listing-flat) echo "$LIST_COUNT" ;;
    listing-tenth) echo $((LIST_COUNT / 10)) ;;
    manyfiles) echo "$MANY_COUNT" ;;
    downloadmany) echo $((LIST_COUNT < 100000 ? LIST_COUNT : 100000)) ;;
    esac
}

# Whether TOOL takes part in WORKLOAD: find only enumerates, the tenths are blobferry's (and
# find's), the SDK and the curl floor only list.
scale_runs() {
    case $1/$2 in
    blobferry/* | find/enumerate* | rclone/enumerate | rclone/listing | rclone/manyfiles | sdk/listing | curl/listing) return 0 ;;
    *) return 1 ;;
    esac
}

scale_label() {
    case $1 in
    enumerate*) echo "enumerate $(scale_count "$1") files (dry run)" ;;
    listing-flat) echo "list $(scale_count "$1") blobs in one folder" ;;
    listing*) echo "list $(scale_count "$1") blobs" ;;
    manyfiles) echo "upload ${MANY_COUNT}x${MANY_KIB} KiB" ;;
    downloadmany) echo "download $(scale_count downloadmany)x0 B, one folder" ;;
    esac
}

# Every tool must have seen every file or blob (a dry run that lists nothing is fast, too).
scale_verify() {
    local workload=$1 tool=$2 container=$3 log=$4 dest=$5 count got
    count=$(scale_count "$workload")
    case $tool/$workload in
    find/*) got=$(wc -l <"$log") ;;
    */downloadmany) got=$(find "$dest" -type f | wc -l) ;;
    blobferry/manyfiles | rclone/manyfiles) got=$(rclone size --json "many:$container" | sed -n 's/.*"count":\([0-9]*\).*/\1/p') ;;
    blobferry/*) got=$(grep -c '^Would copy: ' "$log" || true) ;;
    rclone/enumerate) got=$(grep -c 'Skipped copy as --dry-run is set' "$log" || true) ;;
    rclone/listing) got=$(wc -l <"$log") ;;
    sdk/* | curl/*) got=$(sed -n 's/^\([0-9]*\) blobs$/\1/p' "$log") ;;
    esac
    [[ $got == "$count" ]] || die "$tool on $workload saw ${got:-no} files or blobs of $count (log: $log)"
}

# The lines for the table's targets.
scale_targets() {
    local a b r
    if selected enumerate; then
        check "$(scale_label enumerate) wall ÷ find" "$(ratio enumerate wall find)" "≤ 1.5"
        a=$(med enumerate blobferry rss)
        b=$(med enumerate-tenth blobferry rss)
        [[ -n $a && -n $b ]] && printf -- '- %s blobferry peak RSS: %.0f MiB, at a tenth of the files %.0f MiB (target: flat)\n' \
            "$(scale_label enumerate)" "$a" "$b"
    fi
    if selected listing; then
        check "$(scale_label listing) wall ÷ curl floor (pages one after another)" "$(ratio listing wall curl)" \
            "≈ 1: pages pipelined, the client adding nothing to Azurite's time"
        a=$(med listing blobferry rss)
        b=$(med listing-tenth blobferry rss)
        [[ -n $a && -n $b ]] && printf -- '- %s blobferry peak RSS: %.0f MiB, at a tenth of the blobs %.0f MiB (target: flat)\n' \
            "$(scale_label listing)" "$a" "$b"
        b=$(med listing-flat blobferry rss)
        [[ -n $a && -n $b ]] && printf -- '- %s blobferry peak RSS: %.0f MiB, in folders of 1,000 %.0f MiB (target: flat)\n' \
            "$(scale_label listing-flat)" "$b" "$a"
    fi
    if selected downloadmany && has blobferry "$TOOLS"; then
        r=$(med downloadmany blobferry rss)
        [[ -n $r ]] && printf -- '- %s blobferry peak RSS: %.0f MiB (target ≤ 100)\n' "$(scale_label downloadmany)" "$r"
    fi
    if selected manyfiles && has blobferry "$TOOLS"; then
        r=$(med manyfiles blobferry rss)
        [[ -n $r ]] && printf -- '- %s blobferry peak RSS: %.0f MiB (target ≤ 100)\n' "$(scale_label manyfiles)" "$r"
    fi
    return 0
}

# Notes under the table: how the data came to be, and what a page costs Azurite.
scale_report() {
    [[ -s $WORK/scale-notes.md ]] && sed 's/^/- /' "$WORK/scale-notes.md"
    if [[ -s $WORK/page.txt ]]; then
        echo "- One List Blobs page of 5000 (the first of list-$LIST_COUNT, curl, median of 3): $(median <"$WORK/page.txt" | xargs printf '%.2f') s"
    fi
    return 0
}
