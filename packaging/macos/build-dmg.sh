#!/usr/bin/env bash
# Build dist/Comptoir-<version>-macos-<arch>.dmg on macOS 12+ (Apple silicon or Intel):
#   bash packaging/macos/build-dmg.sh
# Needs: Python 3.11 (python.org or Homebrew), Xcode command line tools (hdiutil, codesign).
# The .app comes from the same spec as Linux (its BUNDLE step). Untested here (no Mac).
# Signing: ad hoc by default (PyInstaller); CODESIGN_IDENTITY="Developer ID Application: …"
# for a real signature (the hardened runtime may need an entitlements file for Python/Qt) (then notarize with `xcrun notarytool submit … --wait` and `xcrun stapler staple`).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || { python3.11 -m venv .venv; PY=.venv/bin/python; }
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

QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/comptoir" --smoke-test | tee build/smoke-macos.txt
grep -q '^SMOKE OK ' build/smoke-macos.txt

STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE" dist
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG=dist/Comptoir-$VERSION-macos-$ARCH.dmg
hdiutil create -volname "Comptoir $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
echo "$DMG"
