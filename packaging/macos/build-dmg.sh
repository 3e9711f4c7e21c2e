#!/usr/bin/env bash
# Build dist/Comptoir-<version>-macos-<arch>.dmg on macOS 12+ (Apple silicon or Intel):
#   bash packaging/macos/build-dmg.sh
# Needs: Python 3.11 (python.org or Homebrew), Xcode command line tools (hdiutil, codesign).
# The .app comes from the same spec as Linux (its BUNDLE step). Built on every push by
# .github/workflows/ci.yml (macos-14 runner, arm64), where packaging/macos/install-test.sh
# then installs the .app from the .dmg and smoke-tests it.
# Signing: ad hoc by default (PyInstaller); CODESIGN_IDENTITY="Developer ID Application: …"
# for a real signature (the hardened runtime may need an entitlements file for Python/Qt) (then notarize with `xcrun notarytool submit … --wait` and `xcrun stapler staple`).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
if [ ! -x "$PY" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then "$candidate" -m venv .venv; break; fi
  done
  PY=.venv/bin/python
  [ -x "$PY" ] || { echo "no Python 3.11 found to create .venv" >&2; exit 1; }
fi
"$PY" -m pip install -q -e . 'pyinstaller>=6.10,<7' pillow   # Pillow: PNG -> .icns
"$PY" -c 'from backoffice.ui.i18n import compile_translations; compile_translations()'
"$PY" packaging/make_icons.py
VERSION=$("$PY" -c 'import backoffice; print(backoffice.__version__)')
ARCH=$(uname -m)

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/comptoir.spec
APP=build/pyinstaller/dist/Comptoir.app
[ -x "$APP/Contents/MacOS/comptoir" ] || { echo "no $APP" >&2; exit 1; }
if [ -n "${CODESIGN_IDENTITY:-}" ]; then  # PyInstaller has already signed it ad hoc
  codesign --force --deep --options runtime --sign "$CODESIGN_IDENTITY" "$APP"
fi

codesign --verify --deep "$APP"  # ad hoc or real: arm64 runs nothing unsigned
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/comptoir" --smoke-test | tee build/smoke-macos.txt
grep -q '^SMOKE OK ' build/smoke-macos.txt

STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE" dist
ditto "$APP" "$STAGE/Comptoir.app"  # keeps the bundle's symlinks, modes and signatures
ln -s /Applications "$STAGE/Applications"
DMG=dist/Comptoir-$VERSION-macos-$ARCH.dmg
# hdiutil fails now and then with "Resource busy" (Spotlight, XProtect scanning the staging
# folder): try a few times.
for attempt in 1 2 3 4 5; do
  if hdiutil create -volname "Comptoir $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"; then
    break
  fi
  [ "$attempt" -lt 5 ] || { echo "hdiutil create failed 5 times" >&2; exit 1; }
  sleep $((attempt * 5))
done
hdiutil verify "$DMG"
echo "$DMG"
