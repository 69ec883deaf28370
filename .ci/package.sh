#!/usr/bin/env bash
# Builds the Debian package and checks it as a user's machine would: the desktop
# entry and AppStream metadata validate, `apt install` puts every file in place,
# the installed binary runs and opens a window with its icon and desktop name
# under Xvfb, and `apt remove` takes it all away again. Called by .ci/run (as
# root, on a Debian or Ubuntu machine); docs/PACKAGING.md explains the package.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

packages=(desktop-file-utils appstream xdotool x11-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

log "desktop entry and AppStream metadata"
desktop-file-validate assets/io.github.factsheet.Factsheet.desktop
appstreamcli validate --no-net assets/io.github.factsheet.Factsheet.metainfo.xml

log "cargo build --release (timed: README gives the cold time)"
start=$(date +%s)
cargo build --release -p factsheet
echo "release build: $(( $(date +%s) - start )) s"

log "cargo-deb"
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version 3.8.0
packaging/generate-assets.sh target/release/factsheet
cargo deb --no-build -p factsheet
deb=$(ls -t target/debian/factsheet_*.deb | head -1)
dpkg-deb --contents "$deb"

log "apt install $deb"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq "./$deb"
for f in /usr/bin/factsheet \
         /usr/share/applications/io.github.factsheet.Factsheet.desktop \
         /usr/share/metainfo/io.github.factsheet.Factsheet.metainfo.xml \
         /usr/share/mime/packages/io.github.factsheet.Factsheet.xml \
         /usr/share/icons/hicolor/256x256/apps/io.github.factsheet.Factsheet.png \
         /usr/share/bash-completion/completions/factsheet; do
  [ -e "$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done
ls /usr/share/man/man1/factsheet.1* >/dev/null
version=$(/usr/bin/factsheet --version)
echo "$version"
grep -q "reads data format" <<<"$version"

log "the installed app opens a window with its icon and desktop name (Xvfb)"
# -displayfd: Xvfb picks a free display and writes its number once it takes
# connections, so the app never starts before the server is there.
displayfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 3>"$displayfile" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do
  [ -s "$displayfile" ] && break
  sleep 0.1
done
[ -s "$displayfile" ] || { echo "Xvfb did not start" >&2; exit 1; }
display=":$(head -1 "$displayfile")"
home=$(mktemp -d)
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  DISPLAY="$display" /usr/bin/factsheet >/tmp/factsheet-window.log 2>&1 &
app=$!
cleanup() { kill "$app" "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
window=""
for _ in $(seq 120); do
  window=$(DISPLAY="$display" xdotool search --name '^factsheet' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { echo "no window appeared" >&2; cat /tmp/factsheet-window.log >&2; exit 1; }
class=$(DISPLAY="$display" xprop -id "$window" WM_CLASS)
echo "$class"
grep -q 'io.github.factsheet.Factsheet' <<<"$class"
# The icon's first two cardinals are its width and height; its pixels follow.
icon=$(DISPLAY="$display" xprop -id "$window" -f _NET_WM_ICON 32c ' = $0 x $1' _NET_WM_ICON)
echo "$icon"
[ "$icon" = "_NET_WM_ICON(CARDINAL) = 256 x 256" ]
cleanup
trap - EXIT

log "apt remove factsheet"
"${sudo_cmd[@]}" apt-get remove -y -qq factsheet
if [ -e /usr/bin/factsheet ] || [ -e /usr/share/applications/io.github.factsheet.Factsheet.desktop ]; then
  echo "files left after apt remove" >&2
  exit 1
fi
echo "package installed, opened and removed cleanly"
