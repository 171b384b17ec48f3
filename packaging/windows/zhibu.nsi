; NSIS installer of 支部台账 (Zhibu) for Windows 10/11 x64, in Simplified Chinese.
; Built by "make package" (packaging/windows/build.sh) with:
;   makensis -DVERSION=x.y.z -DVERSION4=x.y.z.b -DSTAGE=DIR -DOUTFILE=FILE zhibu.nsi
; STAGE holds zhibu.exe, zhibu.ico and THIRD-PARTY-NOTICES.txt.
; Per-machine: the program goes to Program Files; each user's data stays in that user's
; %AppData%\zhibu, which the uninstaller leaves alone.
; The installer's own words are NSIS's SimpChinese translation plus the few strings below
; (the app's translation catalog cannot reach NSIS).

Unicode true
; A 64-bit installer: zhibu.exe needs 64-bit Windows anyway, and Wine's 64-bit loader runs it.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!define APPNAME "支部台账"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.zhibu.app"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Zhibu"
InstallDirRegKey HKLM "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "支部台账作者"

!define MUI_ICON "${STAGE}/zhibu.ico"
!define MUI_UNICON "${STAGE}/zhibu.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本程序将在这台电脑上安装 ${APPNAME} ${VERSION}（村党支部工作台账，离线可用）。$\r$\n$\r$\n每个 Windows 账户的数据保存在该账户自己的数据文件夹（%AppData%\zhibu）中，卸载时不会删除。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\zhibu.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开 ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
	${IfNot} ${RunningX64}
	${OrIfNot} ${AtLeastBuild} 10240
		MessageBox MB_ICONSTOP|MB_OK "${APPNAME} 需要 64 位的 Windows 10 或更新版本。"
		Abort
	${EndIf}
	SetRegView 64
	SetShellVarContext all
FunctionEnd

Function un.onInit
	SetRegView 64
	SetShellVarContext all
FunctionEnd

Section "Install"
	SetOutPath "$INSTDIR"
	File "${STAGE}/zhibu.exe"
	File "${STAGE}/THIRD-PARTY-NOTICES.txt"
	WriteUninstaller "$INSTDIR\uninstall.exe"

	CreateDirectory "$SMPROGRAMS\${APPNAME}"
	CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\zhibu.exe"
	CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
	CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\zhibu.exe"

	WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
	WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "支部台账作者"
	WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\zhibu.exe"
	WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
	WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
	SectionGetSize 0 $0
	WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

; Removes only what the installer put there: the users' data folders (%AppData%\zhibu) and
; any database kept elsewhere with --db stay.
Section "Uninstall"
	Delete "$DESKTOP\${APPNAME}.lnk"
	Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
	Delete "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk"
	RMDir "$SMPROGRAMS\${APPNAME}"
	Delete "$INSTDIR\zhibu.exe"
	Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd
