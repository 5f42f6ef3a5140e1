@echo off
rem The kata tool on Windows (cmd and PowerShell). Linux, macOS, WSL, Git Bash: ./kata
rem The first run builds the tool with the Maven wrapper; later runs start at once, and rebuild
rem it only when its sources changed (a git pull): the tool itself compares the file times.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%tool\target\kata-tool.jar"
set "HOME_FILE=%ROOT%tool\target\java-home.txt"
set "CHECK=-Dkata.rebuildExit=75"
rem A jar from before the freshness check cannot answer it: rebuild that one too.
if not exist "%ROOT%tool\target\classes\katatool\Freshness.class" goto build
if exist "%JAR%" if exist "%HOME_FILE%" goto run
:build
echo Building the kata tool (first run, or the tool changed)... 1>&2
set "LOG=%TEMP%\kata-build-%RANDOM%.log"
call "%ROOT%mvnw.cmd" -B -q -f "%ROOT%pom.xml" -pl tool package -DskipTests > "%LOG%" 2>&1
if not errorlevel 1 goto built
findstr /C:"Cannot find matching toolchain" "%LOG%" > nul
if not errorlevel 1 (
  echo No JDK 25 found: install one, for example Eclipse Temurin 25 from adoptium.net, then run kata again. 1>&2
) else (
  type "%LOG%" 1>&2
  echo Building the kata tool failed; the lines above say why. 1>&2
)
del "%LOG%" > nul 2>&1
exit /b 2
:built
del "%LOG%" > nul 2>&1
rem Just built: no need to ask the tool whether it is stale.
set "CHECK="
:run
set /p JAVA_HOME_25=<"%HOME_FILE%"
rem 75 means "the jar is older than the tool's sources": rebuild once, then run the command.
"%JAVA_HOME_25%\bin\java.exe" %CHECK% -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "%JAR%" %*
set "CODE=%ERRORLEVEL%"
if "%CODE%"=="75" if defined CHECK goto build
exit /b %CODE%
