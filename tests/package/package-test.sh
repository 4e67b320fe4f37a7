#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the packages the way a user does (`cmake --build BUILD --target package`), unpacks the
# .deb into a temporary root with `dpkg -x` and checks what an installation would hold: both
# programs run from there, the desktop entry validates, the icons and man pages are present,
# the man page lists every option of --help, and the Depends name the package of every shared
# library the programs load.
# Usage: package-test.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:?usage: package-test.sh BUILD_DIR}" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() {
    printf 'package-test: %s\n' "$*" >&2
    exit 1
}

cmake --build "$build" --target package >"$root/build.log" 2>&1 || {
    cat "$root/build.log" >&2
    fail "cmake --build $build --target package failed"
}
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(dpkg --print-architecture)
deb="$build/blobferry_${version}_${arch}.deb"
tgz="$build/blobferry-${version}-Linux.tar.gz"
[[ -f $deb ]] || fail "no $deb after building the package target"
[[ -f $tgz ]] || fail "no $tgz after building the package target"

dpkg -x "$deb" "$root/inst"
cd "$root/inst"

# Both programs, from the unpacked root, with only the system's libraries.
out=$(env -u LD_LIBRARY_PATH ./usr/bin/blobferry-cli --version)
[[ $out == "blobferry-cli $version" ]] || fail "blobferry-cli --version printed: $out"
# The window's --version needs no display (a package manager's post-install check, ssh).
out=$(env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM ./usr/bin/blobferry --version)
[[ $out == "blobferry $version" ]] || fail "blobferry --version printed: $out"

# Nothing of ours is a shared library: no lib directory, no RPATH into the build tree.
[[ ! -e usr/lib ]] || fail "the package carries usr/lib: $(find usr/lib -type f | head -3)"
for bin in usr/bin/blobferry usr/bin/blobferry-cli; do
    if objdump -p "$bin" | grep -E '^\s+(RPATH|RUNPATH)'; then
        fail "$bin has an RPATH"
    fi
done

desktop=usr/share/applications/blobferry.desktop
[[ -f $desktop ]] || fail "no $desktop"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
# Installed beside a file manager, blobferry must not become what opens folders or files.
# xdg-mime answers from the applications' mimeinfo.cache when no one chose a default: a
# MimeType of inode/directory made blobferry the folder opener ahead of pcmanfm.
[[ -f /usr/share/applications/pcmanfm.desktop ]] || fail "pcmanfm is not installed (scripts/lib/setup.sh)"
mkdir -p "$root/xdg/applications"
cp "$desktop" /usr/share/applications/pcmanfm.desktop "$root/xdg/applications/"
update-desktop-database "$root/xdg/applications"
for type in inode/directory application/octet-stream image/jpeg text/plain; do
    default=$(env XDG_DATA_DIRS="$root/xdg" XDG_DATA_HOME="$root/xdg-home" \
        XDG_CONFIG_HOME="$root/xdg-home" XDG_CONFIG_DIRS="$root/xdg-home" XDG_CURRENT_DESKTOP= \
        xdg-mime query default "$type")
    [[ $default != blobferry.desktop ]] || fail "blobferry became the default opener of $type"
    [[ $type != inode/directory || $default == pcmanfm.desktop ]] ||
        fail "the folder opener beside pcmanfm is '$default', not pcmanfm.desktop"
done
# Where file managers offer "Upload to Azure Blob Storage…" instead.
for action in usr/share/file-manager/actions/blobferry-upload.desktop \
    usr/share/kio/servicemenus/blobferry-upload.desktop usr/share/Thunar/sendto/blobferry.desktop; do
    [[ -f $action ]] || fail "no $action"
    grep -q '^Exec=blobferry %F$' "$action" || fail "$action does not run blobferry %F"
done
desktop-file-validate usr/share/Thunar/sendto/blobferry.desktop || fail "the Thunar entry does not validate"

[[ -f usr/share/icons/hicolor/scalable/apps/blobferry.svg ]] || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256; do
    png=usr/share/icons/hicolor/${size}x${size}/apps/blobferry.png
    [[ -f $png ]] || fail "no $png"
    file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}px PNG"
done

for page in blobferry blobferry-cli; do
    gz=usr/share/man/man1/$page.1.gz
    [[ -f $gz ]] || fail "no $gz"
    # Rendered as man would, groff's warnings on (bad roff shows up on stderr).
    LC_ALL=C MANWIDTH=200 man --warnings -l "$gz" >"$root/$page.txt" 2>"$root/$page.err"
    [[ ! -s $root/$page.err ]] || fail "man $page: $(head -3 "$root/$page.err")"
    grep -q "^NAME" "$root/$page.txt" || fail "man $page renders no NAME section"
done
# Every long option the program offers is in its page.
options=$(./usr/bin/blobferry-cli --help | grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u)
[[ -n $options ]] || fail "blobferry-cli --help lists no options"
for option in $options; do
    grep -qF -- "$option" "$root/blobferry-cli.txt" || fail "man blobferry-cli lacks $option"
done

# Depends: the package of every shared library either program needs.
depends=$(dpkg-deb -f "$deb" Depends)
# The package names alone, one a line (alternatives and version constraints dropped).
depends_names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/[[:space:]]//g' | sed '/^$/d')
depends_on() { grep -qxF -- "$1" <<<"$depends_names"; }
for need in libqt6core6 libqt6network6 libqt6widgets6; do
    depends_on "$need" || fail "Depends lacks $need: $depends"
done
for bin in usr/bin/blobferry usr/bin/blobferry-cli; do
    for soname in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
        # awk reads to the end: an early exit would SIGPIPE ldconfig and fail under pipefail.
        path=$(ldconfig -p | awk -v s="$soname" '$1 == s && !found { print $NF; found = 1 }')
        [[ -n $path ]] || fail "$bin needs $soname, which the system does not have"
        pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) ||
            pkg=$(dpkg -S "$path" | head -1 | cut -d: -f1)
        depends_on "$pkg" || fail "Depends lacks $pkg (for $soname of $bin): $depends"
    done
done

# The tarball holds the same files.
diff <(find . -type f | sed 's|^\./||' | sort) \
    <(tar -tzf "$tgz" | grep -v '/$' | sed 's|^[^/]*/||' | sort) >"$root/diff" ||
    fail "the .tar.gz differs from the .deb: $(head -5 "$root/diff")"
echo "package-test: $deb and $tgz are complete"
