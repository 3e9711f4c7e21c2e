# Install dist\Comptoir-<version>-setup.exe silently (per user, no admin rights), run the
# INSTALLED app's smoke test, uninstall, check that the program folder is gone and that the
# merchant's data folder would be kept. Used by .github/workflows/ci.yml after build.ps1;
# by hand (from the repository root):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\install-test.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$setup = Get-ChildItem dist\Comptoir-*-setup.exe | Sort-Object LastWriteTime | Select-Object -Last 1
if (-not $setup) { throw "no dist\Comptoir-*-setup.exe: run packaging\windows\build.ps1" }
$work = Join-Path ([IO.Path]::GetTempPath()) ("comptoir-install-" + [Guid]::NewGuid().ToString("N"))
$dir = Join-Path $work "Comptoir"
New-Item -ItemType Directory -Path $work | Out-Null
Write-Output "installing $($setup.Name) into $dir"

$install = Start-Process -FilePath $setup.FullName -Wait -PassThru -ArgumentList @(
  "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER",
  "/DIR=`"$dir`"", "/LOG=`"$work\install.log`"")
if ($install.ExitCode -ne 0) {
  Get-Content "$work\install.log" -ErrorAction SilentlyContinue | Write-Output
  throw "setup exited with $($install.ExitCode)"
}
foreach ($name in "comptoir.exe", "comptoir-cli.exe", "unins000.exe") {
  if (-not (Test-Path (Join-Path $dir $name))) { throw "not installed: $name" }
}

# The installed build, offscreen, from a folder outside the checkout, with its own data dir.
$env:QT_QPA_PLATFORM = "offscreen"
$env:COMPTOIR_DATA_DIR = Join-Path $work "data"
Push-Location $work
try {
  $out = & (Join-Path $dir "comptoir-cli.exe") --smoke-test
  $code = $LASTEXITCODE
} finally {
  Pop-Location
  Remove-Item Env:QT_QPA_PLATFORM, Env:COMPTOIR_DATA_DIR
}
$out | Write-Output
if ($code -ne 0 -or -not ($out | Select-String -Pattern "^SMOKE OK " -Quiet)) {
  throw "smoke test of the installed app failed (exit $code)"
}

# Uninstall: the uninstaller restarts itself from %TEMP%; wait until the folder is gone.
$uninstall = Start-Process -FilePath (Join-Path $dir "unins000.exe") -Wait -PassThru `
  -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"
if ($uninstall.ExitCode -ne 0) { throw "uninstaller exited with $($uninstall.ExitCode)" }
$deadline = (Get-Date).AddSeconds(60)
while ((Test-Path (Join-Path $dir "comptoir.exe")) -and (Get-Date) -lt $deadline) {
  Start-Sleep -Milliseconds 500
}
if (Test-Path (Join-Path $dir "comptoir.exe")) { throw "the uninstaller left $dir\comptoir.exe" }
Write-Output "installed, smoke-tested and uninstalled: $($setup.Name)"
