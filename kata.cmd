@echo off
rem The kata tool on Windows, in cmd and in PowerShell: type .\kata (PowerShell runs nothing from
rem the current folder without the .\). Linux, macOS, WSL, Git Bash: ./kata
rem The first run builds the tool with the Maven wrapper; later runs start at once, and rebuild
rem it only when its sources changed (a git pull): the tool itself compares the file times.
rem This file stays ASCII: cmd reads it in the console's code page, which changes below.
rem Extensions on and delayed expansion off whatever the registry says: the script needs the one,
rem and the other would eat a ! in a path.
setlocal EnableExtensions DisableDelayedExpansion
set "ROOT=%~dp0"
set "JAR=%ROOT%tool\target\kata-tool.jar"
set "HOME_FILE=%ROOT%tool\target\java-home.txt"
set "CHECK=-Dkata.rebuildExit=75"
set "REBUILT="
set "CODE=0"

rem The tool prints a tick, a cross and a chevron that the console's OEM code page (437, 850) lacks:
rem the console speaks UTF-8 while the tool runs, and gets its old page back at the end. Without
rem a console (or if the switch fails) the JVM is left to read the code page itself, and the tool
rem then prints ASCII marks (+ x -) for what that page cannot show.
call :codepage OLDCP
rem set /a reads a localised line it cannot parse as 0: never "restore" code page 0.
if "%OLDCP%"=="0" set "OLDCP="
set "ENCODING="
if not defined OLDCP goto encoding_chosen
if not "%OLDCP%"=="65001" chcp 65001 > nul 2>&1
call :codepage NOWCP
if "%NOWCP%"=="65001" set "ENCODING=-Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8"
:encoding_chosen

rem A jar from before the freshness check cannot answer it: rebuild that one too.
if not exist "%ROOT%tool\target\classes\katatool\core\Freshness.class" goto build
if exist "%JAR%" if exist "%HOME_FILE%" goto run

:build
echo Building the kata tool (first run, or the tool changed)... 1>&2
set "LOG=%TEMP%\kata-build-%RANDOM%.log"
call "%ROOT%mvnw.cmd" -B -q -f "%ROOT%pom.xml" -pl tool package -DskipTests > "%LOG%" 2>&1
if not errorlevel 1 goto built
findstr /C:"Cannot find matching toolchain" "%LOG%" > nul
if errorlevel 1 goto build_failed
echo No JDK 25 found: install one, for example Eclipse Temurin 25 from adoptium.net, then run .\kata again. 1>&2
goto build_failed_end
:build_failed
type "%LOG%" 1>&2
echo Building the kata tool failed; the lines above say why. 1>&2
:build_failed_end
del "%LOG%" > nul 2>&1
set "CODE=2"
goto end
:built
del "%LOG%" > nul 2>&1
rem Just built: no need to ask the tool whether it is stale.
set "CHECK="
set "REBUILT=1"

:run
rem java-home.txt is UTF-8; set /p decodes it in the console's code page, UTF-8 by now if the
rem switch above worked. A JDK update moves the JDK (its folder names the patch version): then
rem build again, and the toolchain finds the JDK 25 there is now and writes its path afresh.
set "JAVA_HOME_25="
if exist "%HOME_FILE%" set /p JAVA_HOME_25=<"%HOME_FILE%"
if defined JAVA_HOME_25 if exist "%JAVA_HOME_25%\bin\java.exe" goto java_found
if defined REBUILT goto java_unreadable
echo The JDK 25 that built the kata tool is gone ("%JAVA_HOME_25%"), perhaps updated: looking for a JDK 25 again. 1>&2
goto build
:java_unreadable
echo Cannot find bin\java.exe in "%JAVA_HOME_25%", the JDK 25 that just built the kata tool (tool\target\java-home.txt). 1>&2
echo If that path looks garbled, it has characters your console cannot show: install the JDK under a plain path such as C:\Java. 1>&2
set "CODE=2"
goto end

:java_found
rem A running JVM keeps its jar open, and Windows then refuses to replace or delete it: a watch in
rem another window would make every rebuild of the tool, and mvnw clean, fail. So the JVM runs a
rem copy in TEMP, deleted when its JVM ends (one left by a closed window goes a day later). The 8.3 short
rem paths keep java.exe, which reads its command line in the ANSI code page, away from characters
rem that page lacks; the original jar's path goes along for the tool's freshness check.
set "RUN_DIR=%TEMP%\kata-tool"
if not exist "%RUN_DIR%" mkdir "%RUN_DIR%" > nul 2>&1
rem Only copies a day old: a copy made a moment ago by a start in another window may not be open yet.
forfiles /p "%RUN_DIR%" /m "kata-tool-*.jar" /d -1 /c "cmd /d /c del /q @path" > nul 2>&1
set "COPY=%RUN_DIR%\kata-tool-%RANDOM%%RANDOM%.jar"
copy /b /y "%JAR%" "%COPY%" > nul 2>&1 || set "COPY="
set "RUN_JAR=%JAR%"
if defined COPY set "RUN_JAR=%COPY%"
for %%I in ("%RUN_JAR%") do set "RUN_JAR=%%~sI"
for %%I in ("%JAR%") do set "ORIGIN_JAR=%%~sI"
rem Ctrl+C stops the JVM, then cmd asks "Terminate batch job (Y/N)?": either answer is safe, as
rem only clean-up follows (Y leaves the console on UTF-8 and the copy for a day).
"%JAVA_HOME_25%\bin\java.exe" %CHECK% %ENCODING% "-Dkata.jar=%ORIGIN_JAR%" -jar "%RUN_JAR%" %*
set "CODE=%ERRORLEVEL%"
rem The JVM has ended: this start's own copy of the jar can go (never the built jar itself).
if defined COPY del /q "%COPY%" > nul 2>&1
set "COPY="
rem 75 means "the jar is older than the tool's sources": rebuild once, then run the command.
if "%CODE%"=="75" if defined CHECK goto build

:end
if defined OLDCP if not "%OLDCP%"=="65001" chcp %OLDCP% > nul 2>&1
exit /b %CODE%

:codepage
rem Sets the variable named by its argument to the console's code page, or leaves it empty without a console.
rem chcp prints "Active code page: 437" in the system's language (German ends with a full stop):
rem the number is what follows the colon.
set "%~1="
for /f "tokens=2 delims=:." %%c in ('chcp 2^>nul') do set /a "%~1=%%c" > nul 2>&1
goto :eof
