; Inno Setup 6 script: Comptoir for Windows (x64), from the PyInstaller one-folder build.
; Built by packaging\windows\build.ps1 (see packaging\README.md); by hand:
;   iscc /DAppVersion=0.1.0 packaging\windows\comptoir.iss
; Input:  build\pyinstaller\dist\comptoir\ (comptoir.exe windowed, comptoir-cli.exe console)
; Output: dist\Comptoir-<version>-setup.exe
; Mirrors the Linux .deb layout. Built, installed silently and smoke-tested by
; .github/workflows/ci.yml (windows-2022; packaging\windows\install-test.ps1). Needs Inno Setup >= 6.3
; (x64compatible).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Root "..\.."

[Setup]
; Never change AppId: it is how upgrades and the uninstaller find the installed copy.
AppId={{1BAC9E5D-551D-4B62-911C-6CC215695C09}
AppName=Comptoir
AppVersion={#AppVersion}
AppVerName=Comptoir {#AppVersion}
AppPublisher=Comptoir
DefaultDirName={autopf}\Comptoir
DefaultGroupName=Comptoir
DisableProgramGroupPage=yes
; Per-user install without admin rights by default (shop tills); an admin may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=Comptoir-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\comptoir.exe
UninstallDisplayName=Comptoir
; The app holds a lock on its data directory while it runs: close it before upgrading.
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\build\pyinstaller\dist\comptoir\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Comptoir"; Filename: "{app}\comptoir.exe"
Name: "{autoprograms}\Comptoir (formation)"; Filename: "{app}\comptoir.exe"; Parameters: "--demo"
Name: "{autodesktop}\Comptoir"; Filename: "{app}\comptoir.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\comptoir.exe"; Description: "{cm:LaunchProgram,Comptoir}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes what it installed ({app}). The merchant's journal, preferences and
; logs (%LOCALAPPDATA%\Comptoir) are kept on purpose: they are the record of the money.
