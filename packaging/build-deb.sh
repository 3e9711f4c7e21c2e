#!/usr/bin/env bash
# Build dist/comptoir_<version>_<arch>.deb: the PyInstaller one-folder build in /opt/comptoir,
# /usr/bin/comptoir (symlink) and /usr/bin/comptoir-cli, the .desktop entry and the icon.
#
#   bash packaging/build-deb.sh            # from a clean clone, after `bash scripts/setup`
#
# Environment:
#   PYTHON            the venv's interpreter (default .venv/bin/python)
#   DEB_COMPRESSION   xz (default: -z9, smallest download, ~60 s on 2 cores) or gzip (fast builds)
#   DEB_MAINTAINER    the Maintainer field
#   SKIP_APT=1        do not apt-get install the build tools / libraries (not root, no apt)
#
# Prints the path of the .deb on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-.venv/bin/python}
COMPRESSION=${DEB_COMPRESSION:-xz}
MAINTAINER=${DEB_MAINTAINER:-Comptoir maintainers <comptoir@example.invalid>}
WORK=build/pyinstaller
STAGE=build/deb

log() { printf '[build-deb] %s\n' "$*" >&2; }
die() { printf '[build-deb] error: %s\n' "$*" >&2; exit 1; }

[ -x "$PY" ] || die "$PY not found: run 'bash scripts/setup' first (or set PYTHON)"

# --- build tools and the libraries the bundle copies (platform-notes §6, §10) -------------
# binutils: strip and objdump (PyInstaller, the spec's pruning); dpkg-deb is in dpkg itself;
# desktop-file-utils: desktop-file-validate; the xcb libraries, for PyInstaller's analysis
# (the .deb takes them from its Depends). icu-devtools: icupkg, to bundle only the fr/en ICU
# data (packaging/icu_trim.py; without it the full data goes in, about 6.8 MB more).
APT_PACKAGES=(binutils icu-devtools desktop-file-utils libegl1 libgl1 libfontconfig1
  libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1)
# PyInstaller needs the shared libpython: Debian's python3 has it in a separate package.
if [ "$("$PY" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
  APT_PACKAGES+=("libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
fi
if [ -z "${SKIP_APT:-}" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || log "apt-get update failed; trying with the current lists"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
      log "apt-get install failed: trying without icu-devtools (the full ICU data is bundled)"
      rest=()
      for pkg in "${missing[@]}"; do [ "$pkg" = icu-devtools ] || rest+=("$pkg"); done
      [ ${#rest[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${rest[@]}" >/dev/null
    }
  fi
fi
for tool in objdump strip dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install binutils dpkg)"
done

# --- PyInstaller, translations ---------------------------------------------------------------
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  log "installing PyInstaller into the venv"
  "$PY" -m pip install -q --disable-pip-version-check 'pyinstaller>=6.10,<7'
fi
VERSION=$("$PY" -c 'import backoffice; print(backoffice.__version__)')
ARCH=$(dpkg --print-architecture)
log "Comptoir $VERSION ($ARCH), PyInstaller $("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)')"

log "compiling translations"
"$PY" -c 'from backoffice.ui.i18n import compile_translations; compile_translations()'

# --- the one-folder build -------------------------------------------------------------------
log "PyInstaller (one folder)"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$WORK/dist" --workpath "$WORK/work" packaging/comptoir.spec >&2
log "PyInstaller done in $(( $(date +%s) - start )) s"
BUNDLE=$WORK/dist/comptoir
[ -x "$BUNDLE/comptoir" ] || die "no executable in $BUNDLE"

# --- the package tree -----------------------------------------------------------------------
PKG=$STAGE/comptoir_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/comptoir"
cp -a "$BUNDLE" "$PKG/opt/comptoir"
ln -s /opt/comptoir/comptoir "$PKG/usr/bin/comptoir"
install -m 755 packaging/linux/comptoir-cli "$PKG/usr/bin/comptoir-cli"
install -m 644 resources/comptoir.desktop "$PKG/usr/share/applications/comptoir.desktop"
install -m 644 resources/icons/comptoir.svg \
  "$PKG/usr/share/icons/hicolor/scalable/apps/comptoir.svg"
cat > "$PKG/usr/share/doc/comptoir/copyright" <<EOF
Comptoir $VERSION: proprietary. The bundled third-party components (Python, Qt for Python /
PySide6 under the LGPLv3, httpx, keyring, SecretStorage, jeepney, cryptography, segno, qasync,
stamina, platformdirs) keep their own licences; see /opt/comptoir/_internal/*.dist-info.
EOF
chmod -R u+rwX,go+rX,go-w "$PKG"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$PKG/usr/share/applications/comptoir.desktop"
else
  log "desktop-file-validate not available: .desktop not validated"
fi

SIZE_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$SIZE_KB/" \
  -e "s|@MAINTAINER@|$MAINTAINER|" packaging/linux/control.in > "$PKG/DEBIAN/control"
chmod 644 "$PKG/DEBIAN/control"

# --- the .deb --------------------------------------------------------------------------------
mkdir -p dist
DEB=dist/comptoir_${VERSION}_${ARCH}.deb
case "$COMPRESSION" in
  xz) ZOPT=(-Zxz -z9) ;;  # -z9: xz's 64 MiB window also finds repeats across libraries
  gzip) ZOPT=(-Zgzip) ;;
  none) ZOPT=(-Znone) ;;
  *) die "DEB_COMPRESSION must be xz, gzip or none" ;;
esac
log "dpkg-deb (${COMPRESSION})"
start=$(date +%s)
dpkg-deb --root-owner-group "${ZOPT[@]}" --build "$PKG" "$DEB" >/dev/null
log "dpkg-deb done in $(( $(date +%s) - start )) s: $(du -h "$DEB" | cut -f1), installed ${SIZE_KB} KB"
echo "$ROOT/$DEB"
