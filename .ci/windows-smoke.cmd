@echo off
rem The cmd half of windows-smoke.ps1: the learner's launcher typed in cmd, from the repository
rem root. Arguments: the folder for what it printed, and the kata to run.
setlocal
cd /d "%~dp0.."
call .\kata list > "%~1\cmd-list.txt"
if errorlevel 1 exit /b 1
call .\kata run %2 > "%~1\cmd-run.txt"
> "%~1\cmd-run-exit.txt" echo %ERRORLEVEL%
rem Touch a tool source (a copy onto itself): the next command must rebuild the tool first.
pushd tool\src\main\java\katatool\cli
copy /b Main.java +,, > nul
popd
call .\kata list > "%~1\cmd-rebuild-out.txt" 2> "%~1\cmd-rebuild.txt"
if errorlevel 1 exit /b 1
findstr /C:"Building the kata tool" "%~1\cmd-rebuild.txt" > nul
if errorlevel 1 exit /b 1
exit /b 0
