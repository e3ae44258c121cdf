; Inno Setup 6 script: a per-user installer for the folder packaging/build.py made (no administrator rights).
;   iscc /DAppVersion=0.1.0 packaging\windows\mastery_ledger.iss
; → dist\MasteryLedger-<version>-setup.exe: installs to %LOCALAPPDATA%\Programs\Mastery Ledger, adds a Start-menu
; entry (and, if ticked, a desktop icon), and an uninstaller in Settings ▸ Apps. The user's data in
; %LOCALAPPDATA%\Mastery Ledger is never touched by installing, updating or uninstalling.
; Not built on the Linux CI machine; see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{5E0D7C1B-6A3F-4C55-9C0E-6B1D2A7F4E21}
AppName=Mastery Ledger
AppVersion={#AppVersion}
AppPublisher=Mastery Ledger
DefaultDirName={localappdata}\Programs\Mastery Ledger
DefaultGroupName=Mastery Ledger
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=MasteryLedger-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\MasteryLedger.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; The Simplified Chinese wizard text is an unofficial translation (jrsoftware.org/files/istrans): used when it
; has been put in Inno Setup's Languages folder.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\MasteryLedger\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the program folder's libraries completely (never the user's data folder)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Mastery Ledger"; Filename: "{app}\MasteryLedger.exe"
Name: "{autoprograms}\Mastery Ledger (demo with sample data)"; Filename: "{app}\MasteryLedger.exe"; Parameters: "--demo"
Name: "{autodesktop}\Mastery Ledger"; Filename: "{app}\MasteryLedger.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\MasteryLedger.exe"; Description: "{cm:LaunchProgram,Mastery Ledger}"; Flags: nowait postinstall skipifsilent
