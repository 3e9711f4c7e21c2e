# Build dist\Comptoir-<version>-setup.exe on Windows 10/11 x64 (PowerShell 5.1 or 7, from
# anywhere):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs: Python 3.11 (python.org or the "py" launcher), Inno Setup 6 (ISCC.exe).
# Built and installed on every push by .github/workflows/ci.yml (windows-2022 runner), where
# packaging\windows\install-test.ps1 then installs the .exe and smoke-tests the installed app.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# A native program's failure does not stop PowerShell by itself: check every exit code.
# (A simple function: its $args keep "-m", "-q"… as they are; a param() block would bind them.)
function Invoke-Native {
  $exe, $rest = $args
  & $exe @rest
  if ($LASTEXITCODE -ne 0) { throw "$exe $($rest -join ' ') failed (exit $LASTEXITCODE)" }
}

if (-not (Test-Path .venv\Scripts\python.exe)) {
  if (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Native py -3.11 -m venv .venv }
  else { Invoke-Native python -m venv .venv }
}
$py = (Resolve-Path .venv\Scripts\python.exe).Path
Invoke-Native $py -m pip install -q --upgrade pip
Invoke-Native $py -m pip install -q -e . "pyinstaller>=6.10,<7" pillow   # Pillow: PNG -> .ico
Invoke-Native $py -c "from backoffice.ui.i18n import compile_translations; compile_translations()"
Invoke-Native $py packaging\make_icons.py
$version = (& $py -c "import backoffice; print(backoffice.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw "cannot read the version" }

Invoke-Native $py -m PyInstaller --noconfirm --clean --log-level WARN `
  --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\comptoir.spec

# Smoke test of the build (the console twin prints; comptoir.exe is windowed).
$env:QT_QPA_PLATFORM = "offscreen"
try {
  $out = & build\pyinstaller\dist\comptoir\comptoir-cli.exe --smoke-test
  $code = $LASTEXITCODE
} finally {
  Remove-Item Env:QT_QPA_PLATFORM
}
$out | Write-Output
if ($code -ne 0 -or -not ($out | Select-String -Pattern "^SMOKE OK " -Quiet)) {
  throw "smoke test of the build failed (exit $code)"
}

# ISCC.exe: Inno Setup 6's default folders (per machine, per user), else PATH.
$iscc = @(
  "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
  "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
  "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) {
  $cmd = Get-Command ISCC.exe -ErrorAction SilentlyContinue
  if (-not $cmd) { throw "Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup)" }
  $iscc = $cmd.Source
}
Invoke-Native $iscc /Q "/DAppVersion=$version" packaging\windows\comptoir.iss
Get-Item "dist\Comptoir-$version-setup.exe"
