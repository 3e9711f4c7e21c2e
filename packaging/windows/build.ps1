# Build dist\Comptoir-<version>-setup.exe on Windows 10/11 x64 (PowerShell, from the repo root):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs: Python 3.11 (python.org, "py" launcher), Inno Setup 6 (ISCC.exe). Untested here.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q --upgrade pip
& $py -m pip install -q -e . "pyinstaller>=6.10,<7" pillow   # Pillow: PNG -> .ico
& $py -c "from backoffice.ui.i18n import compile_translations; compile_translations()"
& $py packaging\make_icons.py
$version = & $py -c "import backoffice; print(backoffice.__version__)"

& $py -m PyInstaller --noconfirm --clean --log-level WARN `
  --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\comptoir.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Smoke test of the build (the console twin prints; comptoir.exe is windowed).
$env:QT_QPA_PLATFORM = "offscreen"
$out = & build\pyinstaller\dist\comptoir\comptoir-cli.exe --smoke-test
Remove-Item Env:QT_QPA_PLATFORM
$out | Write-Output
if (-not ($out -match "^SMOKE OK ")) { throw "smoke test failed" }

$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\comptoir.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\Comptoir-$version-setup.exe"
