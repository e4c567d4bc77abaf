/* Expected observations ("key value <where>"), errors and findings of the fixture roots
 * (tests/fixtures/host/make-image-roots.sh), checked by test_inv_images.c. */
#define WIN_OBS                                                                                    \
	"pkg.display_name UltraAV "                                                                \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:Microsoft\\Windows\\CurrentVersion\\Uninstall\\UltraAV>\n"                       \
	"pkg.publisher Pango "                                                                     \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:Microsoft\\Windows\\CurrentVersion\\Uninstall\\UltraAV>\n"                       \
	"pkg.display_name Kaspersky Endpoint Security for Windows "                                \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:Microsoft\\Windows\\CurrentVersion\\Uninstall\\{7F1E2D3C-KES-12}>\n"             \
	"pkg.publisher AO Kaspersky Lab "                                                          \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:Microsoft\\Windows\\CurrentVersion\\Uninstall\\{7F1E2D3C-KES-12}>\n"             \
	"file.path C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for "       \
	"Windows\\ "                                                                               \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:Microsoft\\Windows\\CurrentVersion\\Uninstall\\{7F1E2D3C-KES-12}>\n"             \
	"pkg.display_name 7-Zip 23.01 "                                                            \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\7-Zip>\n"            \
	"pkg.publisher Igor Pavlov "                                                               \
	"</Windows/System32/config/"                                                               \
	"SOFTWARE:WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\7-Zip>\n"            \
	"pkg.display_name DJI Assistant 2 (Consumer Drones Series) "                               \
	"</Users/alice/NTUSER.DAT:Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\DJI "   \
	"Assistant 2 (Consumer Drones Series)>\n"                                                  \
	"pkg.publisher SZ DJI Technology Co., Ltd. "                                               \
	"</Users/alice/NTUSER.DAT:Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\DJI "   \
	"Assistant 2 (Consumer Drones Series)>\n"                                                  \
	"svc.name AVP </Windows/System32/config/system:ControlSet002\\Services\\AVP>\n"            \
	"file.path C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for "       \
	"Windows\\avp.exe </Windows/System32/config/system:ControlSet002\\Services\\AVP>\n"        \
	"svc.name klif </Windows/System32/config/system:ControlSet002\\Services\\klif>\n"          \
	"file.path C:\\Windows\\system32\\DRIVERS\\klif.sys "                                      \
	"</Windows/System32/config/system:ControlSet002\\Services\\klif>\n"                        \
	"svc.residue klnagent </Windows/System32/config/system:ControlSet002\\Services\\klnagent " \
	"(ImagePath C:\\Program Files (x86)\\Kaspersky Lab\\NetworkAgent\\klnagent.exe is "        \
	"missing)>\n"                                                                              \
	"svc.residue OldDrv </Windows/System32/config/system:ControlSet002\\Services\\OldDrv "     \
	"(ImagePath system32\\DRIVERS\\olddrv.sys is missing)>\n"                                  \
	"svc.name OnD </Windows/System32/config/system:ControlSet002\\Services\\OnD>\n"            \
	"file.path D:\\Tools\\ond.exe "                                                            \
	"</Windows/System32/config/system:ControlSet002\\Services\\OnD>\n"                         \
	"svc.name Tcpip </Windows/System32/config/system:ControlSet002\\Services\\Tcpip>\n"        \
	"file.path System32\\drivers\\tcpip.sys "                                                  \
	"</Windows/System32/config/system:ControlSet002\\Services\\Tcpip>\n"                       \
	"file.path C:\\Program Files\\7-Zip </Program Files/7-Zip>\n"                              \
	"file.path C:\\Program Files\\Common Files </Program Files/Common Files>\n"                \
	"file.path C:\\Program Files\\Mozilla Firefox </Program Files/Mozilla Firefox>\n"          \
	"pe.signer Mozilla Corporation </Program Files/Mozilla Firefox/firefox.exe>\n"             \
	"file.path C:\\Program Files (x86)\\Kaspersky Lab </Program Files (x86)/Kaspersky Lab>\n"  \
	"pe.signer AO Kaspersky Lab </Program Files (x86)/Kaspersky Lab/Kaspersky Endpoint "       \
	"Security for Windows/avp.exe>\n"                                                          \
	"file.path C:\\Windows\\System32\\drivers\\klif.sys "                                      \
	"</Windows/System32/drivers/klif.sys>\n"                                                   \
	"file.path C:\\Windows\\System32\\drivers\\tcpip.sys "                                     \
	"</Windows/System32/drivers/tcpip.sys>\n"
#define WIN_ERRS ""
#define WIN_FINDS                                                                                  \
	"pango|UltraAV, replacement of Kaspersky|likely|1\n"                                       \
	"kaspersky|Kaspersky Endpoint Security for Windows|confirmed|11\n"                         \
	"dji|DJI Assistant 2 (Consumer Drones Series)|confirmed|2\n"
#define WINC_OBS                                                                                   \
	"pkg.display_name iVMS-4200 "                                                              \
	"</Users/bob/"                                                                             \
	"NTUSER.DAT:Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\iVMS-4200>\n"         \
	"pkg.publisher Hangzhou Hikvision Digital Technology Co., Ltd. "                           \
	"</Users/bob/"                                                                             \
	"NTUSER.DAT:Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\iVMS-4200>\n"         \
	"file.path C:\\Program Files\\Broken </Program Files/Broken>\n"                            \
	"pe.signer AO Kaspersky Lab </Program Files/Broken/good.exe>\n"
#define WINC_ERRS                                                                                  \
	"win-uninstall /Windows/System32/config/SOFTWARE:@0 not a registry hive (no \"regf\" "     \
	"signature)\n"                                                                             \
	"win-uninstall /Users/eve/ntuser.dat:0 damaged registry hive of 4096 bytes (hivex: "       \
	"Invalid argument)\n"                                                                      \
	"win-services /Windows/System32/config/SYSTEM:0 damaged registry hive of 4096 bytes "      \
	"(hivex: Invalid argument)\n"                                                              \
	"win-programs /Program Files/Broken/badsig.dll:@1024 malformed Authenticode signature "    \
	"(WIN_CERTIFICATE)\n"                                                                      \
	"win-programs /Program Files/Broken/trunc.exe:@60 malformed PE headers\n"
#define WINC_FINDS                                                                                 \
	"hikvision|iVMS-4200|confirmed|2\n"                                                        \
	"kaspersky|Kaspersky software|likely|1\n"
#define MAC_OBS                                                                                    \
	"file.path /Applications/Empty.app </Applications/Empty.app>\n"                            \
	"file.path /Applications/Firefox.app </Applications/Firefox.app>\n"                        \
	"app.bundle org.mozilla.firefox </Applications/Firefox.app/Contents/Info.plist>\n"         \
	"pkg.display_name Firefox </Applications/Firefox.app/Contents/Info.plist>\n"               \
	"file.path /Applications/Kaspersky Internet Security.app </Applications/Kaspersky "        \
	"Internet Security.app>\n"                                                                 \
	"app.bundle com.kaspersky.kav </Applications/Kaspersky Internet "                          \
	"Security.app/Contents/Info.plist>\n"                                                      \
	"pkg.display_name Kaspersky Internet Security </Applications/Kaspersky Internet "          \
	"Security.app/Contents/Info.plist>\n"                                                      \
	"file.path /Applications/Utilities/DJI Assistant 2.app </Applications/Utilities/DJI "      \
	"Assistant 2.app>\n"                                                                       \
	"app.bundle com.dji.assistant2 </Applications/Utilities/DJI Assistant "                    \
	"2.app/Contents/Info.plist>\n"                                                             \
	"pkg.display_name DJI Assistant 2 </Applications/Utilities/DJI Assistant "                 \
	"2.app/Contents/Info.plist>\n"                                                             \
	"file.path /Applications/UltraAV.app </System/Volumes/Data/Applications/UltraAV.app>\n"    \
	"app.bundle org.example.ultraav "                                                          \
	"</System/Volumes/Data/Applications/UltraAV.app/Contents/Info.plist>\n"                    \
	"pkg.display_name UltraAV "                                                                \
	"</System/Volumes/Data/Applications/UltraAV.app/Contents/Info.plist>\n"                    \
	"file.path /Users/alice/Applications/iVMS-4200.app "                                       \
	"</Users/alice/Applications/iVMS-4200.app>\n"                                              \
	"app.bundle com.hikvision.ivms4200 "                                                       \
	"</Users/alice/Applications/iVMS-4200.app/Contents/Info.plist>\n"                          \
	"pkg.display_name iVMS-4200 "                                                              \
	"</Users/alice/Applications/iVMS-4200.app/Contents/Info.plist>\n"                          \
	"svc.name com.kaspersky.kav </Library/LaunchDaemons/com.kaspersky.kav.plist>\n"            \
	"file.path /Library/Application Support/Kaspersky Lab/KAV/Binaries/kav "                   \
	"</Library/LaunchDaemons/com.kaspersky.kav.plist>\n"                                       \
	"svc.name org.example.sync </Library/LaunchAgents/org.example.sync.plist>\n"               \
	"file.path /usr/local/bin/example-sync </Library/LaunchAgents/org.example.sync.plist>\n"   \
	"svc.name com.kaspersky.kav.gui "                                                          \
	"</Users/alice/Library/LaunchAgents/com.kaspersky.kav.gui.plist>\n"                        \
	"file.path /Applications/Kaspersky Internet Security.app/Contents/MacOS/kav_app "          \
	"</Users/alice/Library/LaunchAgents/com.kaspersky.kav.gui.plist>\n"                        \
	"pkg.name com.kaspersky.kav </var/db/receipts/com.kaspersky.kav.plist>\n"                  \
	"pkg.name org.videolan.vlc </var/db/receipts/org.videolan.vlc.bom>\n"
#define MAC_ERRS ""
#define MAC_FINDS                                                                                  \
	"kaspersky|Kaspersky software for macOS|confirmed|8\n"                                     \
	"dji|DJI app|confirmed|2\n"                                                                \
	"pango|UltraAV, replacement of Kaspersky|likely|1\n"                                       \
	"hikvision|Hikvision app|confirmed|2\n"
#define MACC_OBS                                                                                   \
	"file.path /Applications/Broken.app </Applications/Broken.app>\n"                          \
	"file.path /Applications/Good.app </Applications/Good.app>\n"                              \
	"app.bundle org.example.good </Applications/Good.app/Contents/Info.plist>\n"               \
	"pkg.display_name Good </Applications/Good.app/Contents/Info.plist>\n"
#define MACC_ERRS                                                                                  \
	"macos-apps /Applications/Broken.app/Contents/Info.plist:0 not a valid XML property "      \
	"list\n"                                                                                   \
	"macos-launchd /Library/LaunchDaemons/com.example.bad.plist:0 not a valid binary "         \
	"property list\n"
#define MACC_FINDS ""
#define AND_OBS                                                                                    \
	"android.package com.android.chrome </data/system/packages.xml>\n"                         \
	"android.package dji.go.v5 </data/system/packages.xml>\n"                                  \
	"android.package com.connect.enduser </data/system/packages.xml>\n"                        \
	"android.package com.android.chrome </data/system/packages.list>\n"                        \
	"android.package com.huawei.smarthome </data/system/packages.list>\n"                      \
	"android.package com.android.chrome </pm-list-packages.txt>\n"                             \
	"android.package dji.go.v4 </pm-list-packages.txt>\n"                                      \
	"android.package com.mm.android.direct.gdmssphone </pm-list-packages.txt>\n"               \
	"android.package com.kms.free </pm-list-packages.txt>\n"                                   \
	"android.package com.android.settings </pm-list-packages.txt>\n"                           \
	"android.package com.whatsapp </pm-list-packages.txt>\n"                                   \
	"android.package com.mcu.iVMS <pm-list.txt>\n"                                             \
	"android.package org.mozilla.firefox <pm-list.txt>\n"
#define AND_ERRS ""
#define AND_FINDS                                                                                  \
	"dji|DJI flight app (dji.go.v5)|likely|2\n"                                                \
	"hikvision|Hik-Connect app|likely|2\n"                                                     \
	"huawei|Huawei app|likely|1\n"                                                             \
	"dahua|gDMSS app|likely|1\n"                                                               \
	"kaspersky|Kaspersky for Android|likely|1\n"
#define ABX_ERRS                                                                                   \
	"android-packages /data/system/packages.xml:@0 binary XML (ABX, Android 12 and later) is " \
	"not supported: convert it with abx2xml on the device, or give a `pm list packages -f` "   \
	"output instead\n"
#define ANDC_OBS                                                                                   \
	"android.package com.zte.mifavor.launcher </data/system/packages.xml>\n"                   \
	"android.package com.example.cut </data/system/packages.xml>\n"                            \
	"android.package com.zte.health </pm-list.txt>\n"                                          \
	"android.package com.example.ok </pm-list.txt>\n"
#define ANDC_ERRS                                                                                  \
	"android-packages /data/system/packages.xml:5 not well-formed XML: AttValue: ' expected\n" \
	"android-pm-list /pm-list.txt:2 not a \"package:\" line of pm list packages\n"             \
	"android-pm-list /pm-list.txt:4 no valid package name after \"package:\"\n"
#define ANDC_FINDS "zte|ZTE app|likely|2\n"
