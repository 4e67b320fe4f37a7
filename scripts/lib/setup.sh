#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shared setup for scripts/run, scripts/test and scripts/bench (source it, don't run it).
# Everything here is idempotent and prints nothing when there is nothing to do, because
# every developer command goes through it on every invocation.
set -euo pipefail

BLOBFERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BLOBFERRY_EMULATOR_DIR="$BLOBFERRY_ROOT/scripts/emulator"
# Path of the Azurite blob-only entry point installed from the pinned package-lock.json.
azurite_bin="$BLOBFERRY_EMULATOR_DIR/node_modules/.bin/azurite-blob"
# The emulator's well-known development account (public, documented by Microsoft).
# shellcheck disable=SC2034 # used by the scripts that source this file
BLOBFERRY_DEV_ACCOUNT=devstoreaccount1
# shellcheck disable=SC2034
BLOBFERRY_DEV_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# Debian packages the build, the tests (Xvfb, keyring over D-Bus, the package checks, real
# proxies, a window manager, a file manager and xdotool for dragging between windows) and the
# bench need.
BLOBFERRY_APT_PACKAGES=(
    build-essential cmake ninja-build qt6-base-dev qt6-base-dev-tools qtkeychain-qt6-dev libqt6svg6
    zlib1g-dev catch2 rclone xvfb xauth gnome-keyring dbus dbus-x11 libsecret-tools openssl tmux
    curl psmisc time python3 fonts-dejavu-core
    desktop-file-utils xdg-utils pcmanfm file man-db tinyproxy dante-server microsocks
    libxcb1-dev xdotool openbox
)
# Nice to have (translations tooling); installed only where the archive offers it.
BLOBFERRY_APT_OPTIONAL=(qt6-l10n-tools)

_bf_log() { printf 'blobferry: %s\n' "$*" >&2; }

# Run as root directly, otherwise through sudo (a developer's own machine).
_bf_as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _bf_log "need root (or sudo) to run: $*"
        return 1
    fi
}

_bf_pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

_bf_pkg_available() {
    apt-cache show "$1" >/dev/null 2>&1
}

# apt-get is only touched when something is missing, so a second run stays quiet and fast.
blobferry_install_packages() {
    local missing=() optional=() p
    for p in "${BLOBFERRY_APT_PACKAGES[@]}"; do
        _bf_pkg_installed "$p" || missing+=("$p")
    done
    # node may come from elsewhere (NodeSource bundles npm); only fall back to Debian's.
    if ! command -v node >/dev/null 2>&1; then
        missing+=(nodejs npm)
    fi
    for p in "${BLOBFERRY_APT_OPTIONAL[@]}"; do
        _bf_pkg_installed "$p" || optional+=("$p")
    done
    # An optional package alone is worth an update only if the archive already lists it.
    if ((${#missing[@]} == 0)); then
        local avail=()
        for p in "${optional[@]}"; do
            _bf_pkg_available "$p" && avail+=("$p")
        done
        optional=("${avail[@]}")
        ((${#optional[@]} == 0)) && return 0
    fi

    local log
    log=$(mktemp)
    if ! _bf_as_root env DEBIAN_FRONTEND=noninteractive apt-get -qq update >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    # Re-check optional packages now that the lists are fresh.
    local to_install=("${missing[@]}")
    for p in "${optional[@]}"; do
        _bf_pkg_available "$p" && to_install+=("$p")
    done
    _bf_log "installing Debian packages: ${to_install[*]}"
    if ! _bf_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -y -qq install --no-install-recommends "${to_install[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}

# npm ci only when node_modules is absent or older than the lock, so the pinned Azurite
# is exactly what package-lock.json says and repeated runs cost nothing.
blobferry_install_emulator() {
    local lock="$BLOBFERRY_EMULATOR_DIR/package-lock.json"
    local mods="$BLOBFERRY_EMULATOR_DIR/node_modules"
    if [[ -x $azurite_bin && -d $mods && ! $lock -nt $mods ]]; then
        return 0
    fi
    _bf_log "installing Azurite (npm ci in scripts/emulator)"
    (cd "$BLOBFERRY_EMULATOR_DIR" && npm ci --no-audit --no-fund --silent)
    touch "$mods" # npm may leave the dir's mtime older than the lock
}

blobferry_setup() {
    blobferry_install_packages
    blobferry_install_emulator
}

# Configure once, then let Ninja rebuild incrementally (it re-runs CMake when needed).
# BLOBFERRY_SKIP_BUILD=1 skips it (testing these scripts without a full build).
blobferry_build() {
    if [[ ${BLOBFERRY_SKIP_BUILD:-0} == 1 ]]; then
        return 0
    fi
    local build="$BLOBFERRY_ROOT/build"
    if [[ ! -f $build/CMakeCache.txt ]]; then
        local log
        log=$(mktemp)
        if ! cmake -S "$BLOBFERRY_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            --log-level=WARNING >"$log" 2>&1; then
            cat "$log" >&2
            rm -f "$log"
            return 1
        fi
        rm -f "$log"
    fi
    # --quiet hides Ninja's progress lines but still shows compiler diagnostics; the sed
    # drops the one line an up-to-date build still prints.
    # BLOBFERRY_BUILD_JOBS: fewer compile jobs when several work trees build at once.
    cmake --build "$build" ${BLOBFERRY_BUILD_JOBS:+-j "$BLOBFERRY_BUILD_JOBS"} -- --quiet 2>&1 | sed -u '/^ninja: no work to do\.$/d' >&2
}
