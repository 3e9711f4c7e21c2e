#!/usr/bin/env bash
# Install Comptoir.app from a .dmg as a user would (mount, copy the app out, unmount), check its
# signature, run the INSTALLED app's smoke test offscreen from outside the checkout.
#   bash packaging/macos/install-test.sh dist/Comptoir-<version>-macos-<arch>.dmg
# Used by .github/workflows/ci.yml after build-dmg.sh.
set -euo pipefail
DMG=${1:?usage: install-test.sh path/to/Comptoir.dmg}
[ -f "$DMG" ] || { echo "no such disk image: $DMG" >&2; exit 1; }
WORK=$(mktemp -d)
MOUNT=$WORK/mount
APPS=$WORK/Applications  # stands for /Applications (not written on a shared runner)
mkdir -p "$MOUNT" "$APPS"
cleanup() {
  hdiutil detach "$MOUNT" -quiet 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

hdiutil attach -nobrowse -readonly -noautoopen -mountpoint "$MOUNT" "$DMG"
[ -L "$MOUNT/Applications" ] || { echo "the disk image has no Applications link" >&2; exit 1; }
ditto "$MOUNT/Comptoir.app" "$APPS/Comptoir.app"
hdiutil detach "$MOUNT"

APP=$APPS/Comptoir.app
codesign --verify --deep "$APP"
plutil -extract CFBundleIdentifier raw "$APP/Contents/Info.plist"
cd "$WORK"
QT_QPA_PLATFORM=offscreen COMPTOIR_DATA_DIR="$WORK/data" \
  "$APP/Contents/MacOS/comptoir" --smoke-test | tee "$WORK/smoke.txt"
grep -q '^SMOKE OK ' "$WORK/smoke.txt"
echo "installed from $DMG and smoke-tested"
