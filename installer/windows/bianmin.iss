; Inno Setup 6 script for Bianmin on Windows (https://jrsoftware.org/isinfo.php, free).
; build_installer.py copies this file next to the PyInstaller output and prints the command:
;     iscc /DVersion=<version> /DSource=<folder with the four program folders> bianmin.iss
; It cannot be run on the Linux build machine; see the README's installation section.
; Upgrades install over the previous version; the data in %LOCALAPPDATA%\bianmin is never
; touched, and the new version backs it up and migrates it on its first start.

#ifndef Version
  #define Version "0.0.0"
#endif
#ifndef Source
  #define Source "programs"
#endif

[Setup]
AppId={{6B3F6A3E-0F1D-4C9E-9C64-7A1D2B5E8B10}
AppName=便民服务 Bianmin
AppVersion={#Version}
DefaultDirName={autopf}\Bianmin
DefaultGroupName=便民服务
OutputBaseFilename=bianmin-{#Version}-windows-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayName=便民服务 Bianmin

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "autostartkiosk"; Description: "开机自动启动自助取号机"; Flags: unchecked
Name: "autostartboard"; Description: "开机自动启动叫号屏"; Flags: unchecked

[Files]
Source: "{#Source}\bianmin\*"; DestDir: "{app}\bianmin"; Flags: recursesubdirs ignoreversion
Source: "{#Source}\bianmin-hub\*"; DestDir: "{app}\bianmin-hub"; Flags: recursesubdirs ignoreversion
Source: "{#Source}\bianmin-staff\*"; DestDir: "{app}\bianmin-staff"; Flags: recursesubdirs ignoreversion
Source: "{#Source}\bianmin-kiosk\*"; DestDir: "{app}\bianmin-kiosk"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\工作人员端"; Filename: "{app}\bianmin-staff\bianmin-staff.exe"
Name: "{group}\自助取号机"; Filename: "{app}\bianmin-kiosk\bianmin-kiosk.exe"
Name: "{group}\叫号屏"; Filename: "{app}\bianmin-kiosk\bianmin-kiosk.exe"; Parameters: "--board"
Name: "{userstartup}\便民自助取号机"; Filename: "{app}\bianmin-kiosk\bianmin-kiosk.exe"; Tasks: autostartkiosk
Name: "{userstartup}\便民叫号屏"; Filename: "{app}\bianmin-kiosk\bianmin-kiosk.exe"; Parameters: "--board"; Tasks: autostartboard

[Run]
Filename: "{app}\bianmin\bianmin.exe"; Parameters: "self-test"; Flags: runhidden waituntilterminated; StatusMsg: "正在自检……"
Filename: "{app}\bianmin-staff\bianmin-staff.exe"; Description: "启动工作人员端（首次使用会引导设置）"; Flags: postinstall nowait skipifsilent
