; Inno Setup 6.3+ script: an installer for the one-folder bundle dist\kader-app (Windows x64).
; Build the bundle first (docs/installing.md), then, from the repository's folder:
;   iscc /DAppVersion=0.1.0 packaging\windows\kader-app.iss
; It writes dist\installer\posyandu-kader-0.1.0-setup.exe.
;
; Per user by default (no administrator needed; %LOCALAPPDATA%\Programs\Posyandu Kader), for all
; users when an administrator chooses so in the first dialog. The installer never touches the
; data folder (%LOCALAPPDATA%\kader-app) or the database key: upgrading or uninstalling the app
; keeps every entry, sent or not.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Posyandu Kader"
#define AppExe "kader-app.exe"

[Setup]
; The same id for every version: it is how an upgrade finds the copy already installed.
AppId={{6F3C2A9E-4B7D-4E21-9A55-2B8C1D7E4F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=posyandu-kader-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; An upgrade while the app is open asks to close it first (Windows Restart Manager).
CloseApplications=yes
; Signing (docs/installing.md): define a sign tool named "kader" in the Inno Setup IDE
; (Tools > Configure Sign Tools) or on the command line (iscc /Skader=...), then uncomment:
; SignTool=kader
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Bahasa Indonesia: Inno Setup's translation Indonesian.isl (from its unofficial translations),
; saved beside this script, then uncomment:
; Name: "indonesian"; MessagesFile: "Indonesian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's own files whole, so nothing of an older build stays beside
; the new one. Only the program folder: the data folder is elsewhere and is never named here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\kader-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} (data contoh)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
