#!/usr/bin/env bash
# Smoke-test the Linux installer: install the .deb, run the INSTALLED app offscreen, check
# what it put on the system, uninstall, check that nothing is left.
#
#   bash packaging/smoke-test.sh              # builds the .deb first (packaging/build-deb.sh)
#   bash packaging/smoke-test.sh dist/X.deb   # tests an existing .deb
#
# Needs root for the install/uninstall part (CI runs as root). Steps:
#  1. install with `apt-get install ./X.deb` (= dpkg -i plus the Depends from the archive, as
#     shop staff do; plain `dpkg -i` without apt), after purging any comptoir already there;
#  2. check the layout: /opt/comptoir/comptoir, /usr/bin/comptoir -> it, /usr/bin/comptoir-cli,
#     the .desktop entry (desktop-file-validate), the hicolor icon;
#  2b. `ldd` over every library of /opt/comptoir: each NEEDED resolves (bundled, or from a
#     package of the Depends, as the common system libraries are left to the distribution);
#  3. run `comptoir --smoke-test` from PATH, offscreen, with a clean environment (empty HOME,
#     no venv, cwd outside the checkout): expects "SMOKE OK";
#  4. the command line of the installed build: `comptoir-cli --json demo` (every API family
#     on the built-in simulator); `comptoir-cli simulator` starts on loopback (and refuses
#     `--host 0.0.0.0` without `--allow-lan`), and real mode REFUSES to talk to it: `comptoir-cli
#     balance` with COMPTOIR_*_URL on 127.0.0.1 exits 2, even with COMPTOIR_ALLOW_LOOPBACK=1
#     (a source-tree switch an installed build ignores), and the simulator sees no request;
#  4b. what the size trim must keep: `printer test` to a PDF (Qt's QPdfWriter, fonts, accents,
#     the amount), to an ESC/POS printer on loopback with the QR as a picture (Pillow), and
#     `shop status` against a closed PostgreSQL port (libpq's own refusal, psycopg_binary);
#  5. relocatable: `dpkg -x` into a temporary directory and run the smoke test from there;
#  6. `dpkg -r` (and `dpkg -P` if config files were left): every file the package listed is gone, and so are
#     /opt/comptoir, the launchers, the .desktop entry and the icon.
# Exits non-zero at the first failure. Options (environment): SMOKE_XCB=1 also runs step 3
# under Xvfb (xcb; needs xvfb, xauth); SMOKE_KEYRING=1 also round-trips a secret through a
# real Secret Service (dbus-run-session + an unlocked gnome-keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TIMEOUT=${SMOKE_TIMEOUT:-90}

log() { printf '[smoke-test] %s\n' "$*" >&2; }
fail() { printf '[smoke-test] FAIL: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: the test installs and removes the package"
command -v dpkg >/dev/null 2>&1 || fail "dpkg is missing: this test is for Debian/Ubuntu"

if [ $# -ge 1 ]; then
  DEB=$(readlink -f "$1")
else
  log "building the .deb"
  DEB=$(bash packaging/build-deb.sh | tail -n 1)
fi
[ -f "$DEB" ] || fail "no .deb at $DEB"
log "testing $DEB ($(du -h "$DEB" | cut -f1))"

TMP=$(mktemp -d /tmp/comptoir-smoke-test.XXXXXX)
SIM_PID=""
PRINTER_PID=""
cleanup() {
  if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; fi
  if [ -n "$PRINTER_PID" ]; then kill "$PRINTER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# A user's session: nothing from this shell (venv, PYTHONPATH, COMPTOIR_*) leaks in.
run_clean() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$TMP/home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM="${QPA:-offscreen}" ${DISPLAY:+DISPLAY=$DISPLAY} "$@"
}
mkdir -p "$TMP/home"

check_smoke_output() {  # $1 = file with the output, $2 = what ran
  cat "$1" >&2
  grep -q '^SMOKE OK ' "$1" || fail "$2: no 'SMOKE OK' line"
  grep -q 'frozen=yes' "$1" || fail "$2: not the frozen build"
}

# --- 1. install ----------------------------------------------------------------------------
if dpkg-query -W -f='${Status}' comptoir 2>/dev/null | grep -q 'installed'; then
  log "a comptoir package is installed already: purging it first"
  dpkg -P comptoir >/dev/null
fi
[ ! -e /opt/comptoir ] || fail "/opt/comptoir exists without the package: not a fresh machine"
log "installing"
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null; } \
    || fail "apt-get install $DEB failed"
else
  dpkg -i "$DEB" || fail "dpkg -i failed"
fi
dpkg-query -W -f='${Status}\n' comptoir | grep -q 'install ok installed' \
  || fail "the package is not installed"
dpkg -L comptoir | sort > "$TMP/files.txt"

# --- 2. layout -------------------------------------------------------------------------------
[ -x /opt/comptoir/comptoir ] || fail "/opt/comptoir/comptoir missing"
[ -L /usr/bin/comptoir ] && [ "$(readlink -f /usr/bin/comptoir)" = /opt/comptoir/comptoir ] \
  || fail "/usr/bin/comptoir is not a link to /opt/comptoir/comptoir"
[ -x /usr/bin/comptoir-cli ] || fail "/usr/bin/comptoir-cli missing"
[ "$(command -v comptoir)" = /usr/bin/comptoir ] || fail "comptoir is not the one on PATH"
DESKTOP=/usr/share/applications/comptoir.desktop
ICON=/usr/share/icons/hicolor/scalable/apps/comptoir.svg
[ -f "$DESKTOP" ] || fail "$DESKTOP missing"
[ -f "$ICON" ] || fail "$ICON missing"
grep -q '^Exec=comptoir$' "$DESKTOP" || fail "the .desktop entry does not run comptoir"
grep -q '^Icon=comptoir$' "$DESKTOP" || fail "the .desktop entry does not use the comptoir icon"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$DESKTOP" || fail "desktop-file-validate $DESKTOP"
fi
log "layout ok: $(wc -l < "$TMP/files.txt") paths, $(du -sh /opt/comptoir | cut -f1) in /opt/comptoir"

# --- 2b. every library resolves: the bundle's own, or the distribution's (control.in Depends) --
log "ldd over /opt/comptoir (system libraries come from the Depends)"
INTERNAL=/opt/comptoir/_internal
find /opt/comptoir -type f \( -name '*.so' -o -name '*.so.*' -o -path /opt/comptoir/comptoir \) \
  -print0 | while IFS= read -r -d '' elf; do
    LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib" ldd "$elf" 2>/dev/null \
      | sed -n "s|^[[:space:]]*\([^ ]*\) => not found|$elf: \1|p"
  done | grep -v ': libwayland-' > "$TMP/unresolved.txt" || true
# libwayland-*: only the Wayland platform plugin needs them, and Wayland sessions have them
# (Recommends: libwayland-cursor0).
[ ! -s "$TMP/unresolved.txt" ] || { cat "$TMP/unresolved.txt" >&2; fail "libraries not found (add their package to packaging/linux/control.in Depends)"; }

# --- 3. the installed app, offscreen ---------------------------------------------------------
log "comptoir --smoke-test (installed, offscreen)"
(cd "$TMP" && run_clean timeout "$TIMEOUT" comptoir --smoke-test) > "$TMP/smoke.txt" 2>"$TMP/smoke.err" \
  || { cat "$TMP/smoke.txt" "$TMP/smoke.err" >&2; fail "comptoir --smoke-test exited non-zero"; }
check_smoke_output "$TMP/smoke.txt" "installed comptoir --smoke-test"
if [ -n "${SMOKE_XCB:-}" ]; then
  command -v xvfb-run >/dev/null 2>&1 || fail "SMOKE_XCB=1 needs xvfb-run (apt-get install xvfb xauth)"
  log "comptoir --smoke-test (installed, xcb under Xvfb)"
  (cd "$TMP" && QPA=xcb run_clean xvfb-run -a timeout "$TIMEOUT" comptoir --smoke-test) \
    > "$TMP/smoke-xcb.txt" 2>/dev/null || { cat "$TMP/smoke-xcb.txt" >&2; fail "xcb smoke test"; }
  check_smoke_output "$TMP/smoke-xcb.txt" "installed comptoir --smoke-test (xcb)"
fi

if [ -n "${SMOKE_KEYRING:-}" ]; then
  # A real Secret Service (platform-notes §5): a private D-Bus session with an unlocked
  # gnome-keyring; the installed app writes, reads back and deletes a throw-away secret.
  command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1 \
    || fail "SMOKE_KEYRING=1 needs dbus-run-session and gnome-keyring (apt-get install gnome-keyring)"
  log "comptoir --smoke-test --keyring-probe (installed, dbus-run-session + gnome-keyring)"
  mkdir -p "$TMP/keyring-home"
  (cd "$TMP" && env -i PATH=/usr/bin:/bin HOME="$TMP/keyring-home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen timeout "$TIMEOUT" dbus-run-session -- sh -c \
    'echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
     comptoir --smoke-test --keyring-probe') > "$TMP/smoke-keyring.txt" 2>/dev/null \
    || { cat "$TMP/smoke-keyring.txt" >&2; fail "keyring smoke test"; }
  check_smoke_output "$TMP/smoke-keyring.txt" "installed comptoir --smoke-test --keyring-probe"
  grep -q 'round-trip ok' "$TMP/smoke-keyring.txt" || fail "no secret round-trip through the keyring"
fi

# --- 4. the installed command line -----------------------------------------------------------
log "comptoir-cli --json demo"
(cd "$TMP" && run_clean timeout "$TIMEOUT" comptoir-cli --json demo) > "$TMP/demo.json" \
  || fail "comptoir-cli --json demo exited non-zero"
grep -q '"base_url"' "$TMP/demo.json" || fail "comptoir-cli --json demo: unexpected output"
log "comptoir-cli simulator --host 0.0.0.0 (refused without --allow-lan)"
set +e
(cd "$TMP" && run_clean timeout "$TIMEOUT" comptoir-cli simulator --host 0.0.0.0 --port 0) \
  > /dev/null 2> "$TMP/lan.err"
LAN_CODE=$?
set -e
[ "$LAN_CODE" = 2 ] || fail "comptoir-cli simulator --host 0.0.0.0 exited $LAN_CODE (expected 2)"
grep -q -- '--allow-lan' "$TMP/lan.err" || fail "the --host refusal does not name --allow-lan"
log "comptoir-cli balance in real mode against comptoir-cli simulator (must be refused)"
(cd "$TMP" && exec env -i PATH=/usr/bin:/bin HOME="$TMP/home" comptoir-cli simulator --port 0) \
  > "$TMP/sim.out" 2>/dev/null &
SIM_PID=$!
for _ in $(seq 1 100); do
  grep -q '^http://' "$TMP/sim.out" 2>/dev/null && break
  sleep 0.1
done
URL=$(head -n 1 "$TMP/sim.out")
case "$URL" in http://127.0.0.1:*) ;; *) fail "comptoir-cli simulator did not print its URL" ;; esac
# The simulator's demo credentials (backoffice/simulator/state.py DEMO_CREDENTIALS).
APIKEY=${SMOKE_APIKEY:-demo-apikey-0123456789}
SITE_ID=${SMOKE_SITE_ID:-445566}
set +e
(cd "$TMP" && run_clean env COMPTOIR_CHECKOUT_URL="$URL" COMPTOIR_LEGACY_URL="$URL" \
  COMPTOIR_TRANSFER_URL="$URL" COMPTOIR_DATA_DIR="$TMP/data" COMPTOIR_ALLOW_LOOPBACK=1 \
  COMPTOIR_APIKEY="$APIKEY" COMPTOIR_SITE_ID="$SITE_ID" \
  timeout "$TIMEOUT" comptoir-cli --json balance) > "$TMP/balance.json" 2> "$TMP/balance.err"
REAL_CODE=$?
set -e
cat "$TMP/balance.err" >&2
kill "$SIM_PID" 2>/dev/null || true
wait "$SIM_PID" 2>/dev/null || true
SIM_PID=""
[ "$REAL_CODE" = 2 ] || fail "installed real mode talked to the simulator (exit $REAL_CODE, expected 2)"
grep -q 'real mode' "$TMP/balance.err" || fail "the refusal does not say why (real mode)"
if grep -q ' (legacy\.\| (transfer\.\| (checkout\.' "$TMP/sim.out"; then
  fail "the simulator received a request from real mode"
fi

# --- 4b. what the trimmed bundle must still do (packaging/README.md "Size") ----------------------
# A PDF through Qt (QPdfWriter, fonts, the QR), an ESC/POS picture through Pillow (the QR as an
# image: qrcode + PIL's core), PostgreSQL through psycopg's own libpq (psycopg_binary).
HARNESS_PY=${SMOKE_PYTHON:-}
if [ -z "$HARNESS_PY" ]; then
  if [ -x "$ROOT/.venv/bin/python" ]; then HARNESS_PY=$ROOT/.venv/bin/python; else HARNESS_PY=python3; fi
fi
log "comptoir-cli printer test -> PDF (Qt)"
(cd "$TMP" && run_clean env COMPTOIR_DATA_DIR="$TMP/data-print" COMPTOIR_PRINTER="pdf:$TMP/pdf" \
  timeout "$TIMEOUT" comptoir-cli printer test) > "$TMP/print-pdf.txt" 2>&1 \
  || { cat "$TMP/print-pdf.txt" >&2; fail "comptoir-cli printer test (pdf) exited non-zero"; }
PDF=$TMP/pdf/test.pdf
[ -s "$PDF" ] && [ "$(head -c 5 "$PDF")" = "%PDF-" ] || fail "printer test wrote no PDF at $PDF"
grep -a -q '/FontFile' "$PDF" || fail "the test page PDF embeds no font"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$PDF" - > "$TMP/pdf.txt"
  grep -q 'é è à ç' "$TMP/pdf.txt" || fail "the test page PDF lacks the accents"
  grep -q '17 500 F CFA' "$TMP/pdf.txt" || fail "the test page PDF lacks the amount"
fi

log "comptoir-cli printer test -> ESC/POS printer on loopback, QR as a picture (Pillow)"
"$HARNESS_PY" - "$TMP/escpos.bin" > "$TMP/printer.port" <<'PY' &
import socket, sys
srv = socket.create_server(("127.0.0.1", 0))
print(srv.getsockname()[1], flush=True)
srv.settimeout(60)
conn, _ = srv.accept()
conn.settimeout(20)
data = b""
while chunk := conn.recv(65536):
    data += chunk
open(sys.argv[1], "wb").write(data)
PY
PRINTER_PID=$!
for _ in $(seq 1 100); do
  [ -s "$TMP/printer.port" ] && break
  sleep 0.1
done
PORT=$(head -n 1 "$TMP/printer.port")
[ -n "$PORT" ] || fail "the fake ESC/POS printer did not start ($HARNESS_PY)"
(cd "$TMP" && run_clean env COMPTOIR_DATA_DIR="$TMP/data-print" \
  COMPTOIR_PRINTER="tcp://127.0.0.1:$PORT?qr=image&status=0" \
  timeout "$TIMEOUT" comptoir-cli printer test) > "$TMP/print-escpos.txt" 2>&1 \
  || { cat "$TMP/print-escpos.txt" >&2; fail "printer test (ESC/POS)"; }
wait "$PRINTER_PID" || fail "the fake ESC/POS printer failed"
PRINTER_PID=""
"$HARNESS_PY" - "$TMP/escpos.bin" <<'PY' || fail "the ESC/POS bytes lack the QR picture"
import sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"\x1b@"), data[:8]   # ESC @
assert b"\x1dv0" in data, "no GS v 0 raster picture"  # the QR drawn by Pillow
assert b"\x1dV" in data, "no cut"
PY

log "comptoir-cli shop status -> PostgreSQL through psycopg_binary's libpq"
set +e
(cd "$TMP" && run_clean env PSYCOPG_IMPL=binary COMPTOIR_DATA_DIR="$TMP/data-shop" \
  COMPTOIR_SHOP_DB="postgresql://comptoir@127.0.0.1:1/shop" \
  timeout "$TIMEOUT" comptoir-cli shop status) > "$TMP/shop.txt" 2>&1
SHOP_CODE=$?
set -e
# Port 1 refuses: exit 6 with libpq's own words proves psycopg and its bundled libpq loaded.
[ "$SHOP_CODE" = 6 ] && grep -q 'connection to server at "127.0.0.1", port 1 failed' "$TMP/shop.txt" \
  || { cat "$TMP/shop.txt" >&2; fail "comptoir-cli shop status exited $SHOP_CODE (expected 6 from libpq)"; }

# --- 5. relocatable: dpkg -x into a temporary directory --------------------------------------
log "dpkg -x into $TMP/x and run the smoke test from there"
dpkg -x "$DEB" "$TMP/x"
(cd "$TMP" && run_clean timeout "$TIMEOUT" "$TMP/x/opt/comptoir/comptoir" --smoke-test) \
  > "$TMP/smoke-x.txt" 2>/dev/null || { cat "$TMP/smoke-x.txt" >&2; fail "extracted build"; }
check_smoke_output "$TMP/smoke-x.txt" "extracted comptoir --smoke-test"

# --- 6. uninstall ------------------------------------------------------------------------------
log "dpkg -r comptoir (then dpkg -P if anything of it is left)"
dpkg -r comptoir >/dev/null 2>"$TMP/remove.err" || { cat "$TMP/remove.err" >&2; fail "dpkg -r"; }
if dpkg-query -W -f='${Status}' comptoir 2>/dev/null | grep -q 'config-files'; then
  dpkg -P comptoir >/dev/null || fail "dpkg -P failed"
fi
if dpkg-query -W -f='${Status}' comptoir 2>/dev/null | grep -q 'installed'; then
  fail "the package is still installed"
fi
left=()
while read -r path; do
  case "$path" in /.|/opt|/usr|/usr/bin|/usr/share|/usr/share/applications|/usr/share/doc) continue ;;
    /usr/share/icons|/usr/share/icons/hicolor|/usr/share/icons/hicolor/scalable) continue ;;
    /usr/share/icons/hicolor/scalable/apps) continue ;;
  esac
  if [ -e "$path" ] || [ -L "$path" ]; then left+=("$path"); fi
done < "$TMP/files.txt"
for path in /opt/comptoir /usr/bin/comptoir /usr/bin/comptoir-cli "$DESKTOP" "$ICON" \
  /usr/share/doc/comptoir; do
  if [ -e "$path" ] || [ -L "$path" ]; then left+=("$path"); fi
done
[ ${#left[@]} -eq 0 ] || fail "left after uninstall: ${left[*]}"
log "uninstall ok: nothing left"
echo "SMOKE-TEST PASSED $(grep '^SMOKE OK' "$TMP/smoke.txt")"
