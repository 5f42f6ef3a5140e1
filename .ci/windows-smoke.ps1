# The learner's launcher on Windows, typed as a learner types it, from cmd and from PowerShell:
# the marks must arrive as themselves (not as mojibake or ?), cmd's code page must be put back, a
# changed tool source must rebuild the tool (with -Watch: while a watch runs in another window,
# which holds the tool open), and one kata must grade. CI runs it on windows-latest:
#   ./.ci/windows-smoke.ps1 -Kata k06_threads -RunExit 1 -Watch      (in pwsh 7.2 or later)
#Requires -Version 7.2
# (7.2 or later: Windows PowerShell 5.1 turns a native command's redirected stderr into errors.)
param(
    [string] $Kata = 'k06_threads',
    # The exit codes of `kata run` that are a verdict: 0 (solved), 1 (tests fail), 2 (does not compile).
    [int[]] $RunExit = @(0, 1, 2),
    [switch] $Watch
)
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false # exit codes are checked one by one below
Set-StrictMode -Version Latest

$root = Split-Path -Parent $PSScriptRoot
Set-Location $root
$temp = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
$out = Join-Path $temp 'kata-smoke'
New-Item -ItemType Directory -Force $out | Out-Null

# The marks, and what their UTF-8 bytes look like when a console decodes them in code page 1252
# or 437; written as code points so that this file's own encoding cannot matter.
function Chars([int[]] $codes) { -join ($codes | ForEach-Object { [char] $_ }) }
$tick = Chars 0x2714; $cross = Chars 0x2718; $dot = Chars 0x00B7; $half = Chars 0x25D0
$mojibake = @((Chars 0x00E2, 0x0153), (Chars 0x0393, 0x00A3), (Chars 0x00C2, 0x00B7), (Chars 0x252C, 0x2556))

function Assert-Marks([string] $text, [string] $what, [string[]] $anyOf) {
    if (-not ($anyOf | Where-Object { $text.Contains($_) })) {
        throw "$what printed none of the marks $($anyOf -join ' '):`n$text"
    }
    foreach ($bad in $mojibake) {
        if ($text.Contains($bad)) { throw "$what printed mojibake ($bad):`n$text" }
    }
    if ($text -match '(^|\n)\s*\? ') { throw "$what printed ? for a mark:`n$text" }
    Write-Host "ok: $what shows its marks"
}

function Read-Utf8([string] $name) {
    try {
        [IO.File]::ReadAllText((Join-Path $out $name), [Text.UTF8Encoding]::new($false, $true))
    } catch {
        throw "cannot read $name as UTF-8 (if it is not UTF-8, kata.cmd did not switch the code page): $($_.Exception.Message)"
    }
}

function Get-CodePage { ((cmd /d /c chcp) -replace '\D', '') }

# 1. cmd, on a learner's code page: kata.cmd switches it to UTF-8 and back. The runner starts
# every step on 65001 already, so first put the console on 437, as a Windows console starts.
& cmd /d /c chcp 437 | Out-Null
$before = Get-CodePage
if ($before -ne '437') { throw "could not put the console on code page 437 (it is on $before)" }
& "$PSScriptRoot\windows-smoke.cmd" $out $Kata
if ($LASTEXITCODE -ne 0) { Get-ChildItem $out | ForEach-Object { Write-Host "--- $($_.Name)"; Get-Content $_.FullName }; throw "the cmd half failed" }
$after = Get-CodePage
Write-Host "console code page: $before before kata.cmd, $after after"
if ($before -and $before -ne $after) { throw "kata.cmd left the console on code page $after, not $before" }
Assert-Marks (Read-Utf8 'cmd-list.txt') 'cmd: .\kata list' @($dot, $tick, $half, $cross)
Assert-Marks (Read-Utf8 'cmd-run.txt') "cmd: .\kata run $Kata" @($cross, $tick)
$code = [int] (Get-Content (Join-Path $out 'cmd-run-exit.txt')).Trim()
if ($RunExit -notcontains $code) { throw "cmd: .\kata run $Kata exited $code, not one of $($RunExit -join ', ')" }
Write-Host "ok: cmd rebuilt the tool after a touched source"

# 2. PowerShell. It decodes a program's captured output in [Console]::OutputEncoding, so a
# learner who captures or redirects it sets that to UTF-8 first (README, On Windows).
[Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)
$list = .\kata list | Out-String
if ($LASTEXITCODE -ne 0) { throw "PowerShell: .\kata list exited $LASTEXITCODE" }
Assert-Marks $list 'PowerShell: .\kata list' @($dot, $tick, $half, $cross)
$run = .\kata run $Kata | Out-String
if ($RunExit -notcontains $LASTEXITCODE) { throw "PowerShell: .\kata run $Kata exited $LASTEXITCODE`n$run" }
Assert-Marks $run "PowerShell: .\kata run $Kata" @($cross, $tick)

# 3. A rebuild after a touched source, with a watch running in another window when asked: the
# watch runs a copy of the tool's jar, so Maven can replace the jar itself.
$watchProcess = $null
if ($Watch) {
    $in = Join-Path $out 'watch-in.txt'
    New-Item -ItemType File -Force $in | Out-Null # no keys: the watch goes on until it is stopped
    $watchProcess = Start-Process -FilePath cmd.exe -ArgumentList '/d', '/c', 'kata.cmd', 'watch', $Kata -WorkingDirectory $root `
        -NoNewWindow -PassThru -RedirectStandardInput $in `
        -RedirectStandardOutput (Join-Path $out 'watch-out.txt') -RedirectStandardError (Join-Path $out 'watch-err.txt')
    $deadline = (Get-Date).AddMinutes(3)
    # The watch names the kata it tests once its JVM runs (from its copy of the jar).
    while (-not ((Test-Path (Join-Path $out 'watch-out.txt')) -and (Get-Content (Join-Path $out 'watch-out.txt') -Raw) -match $Kata)) {
        if ($watchProcess.HasExited -or (Get-Date) -gt $deadline) {
            Get-Content (Join-Path $out 'watch-out.txt'), (Join-Path $out 'watch-err.txt') -ErrorAction SilentlyContinue
            throw "the watch did not start"
        }
        Start-Sleep -Milliseconds 500 # polling a log file in a CI script, not a test
    }
    Write-Host "ok: a watch is running"
}
try {
    (Get-Item 'tool/src/main/java/katatool/cli/Main.java').LastWriteTime = Get-Date
    $rebuildLog = Join-Path $out 'ps-rebuild.txt'
    $rebuilt = .\kata list 2> $rebuildLog | Out-String
    $why = Get-Content $rebuildLog -Raw
    if ($LASTEXITCODE -ne 0) { throw "PowerShell: .\kata list after a touched source exited $LASTEXITCODE`n$why`n$rebuilt" }
    if ($why -notmatch 'Building the kata tool') { throw "PowerShell: no rebuild after a touched source:`n$why" }
    Write-Host "ok: PowerShell rebuilt the tool after a touched source$(if ($Watch) { ' while a watch ran' })"
} finally {
    if ($watchProcess) { & taskkill /T /F /PID $watchProcess.Id | Out-Null }
}

# 4. The grade of one kata, through the learner's launcher.
$gradeJson = Join-Path $out 'grade.json'
$gradeSummary = Join-Path $out 'grade.md' # not the job's summary: this grade is a smoke test
$grade = .\kata grade --kata $Kata --results $gradeJson --summary $gradeSummary | Out-String
if ($LASTEXITCODE -ne 0) { throw "PowerShell: .\kata grade --kata $Kata exited $LASTEXITCODE`n$grade" }
$results = Read-Utf8 'grade.json' | ConvertFrom-Json
if ($results.status -eq 'error') { throw "the grade of $Kata is an error: $($results.message)" }
Assert-Marks $grade "PowerShell: .\kata grade --kata $Kata" @($tick, $dot, $cross, (Chars 0x2013))
Write-Host "ok: $Kata graded ($($results.status))"
