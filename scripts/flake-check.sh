#!/usr/bin/env bash
# Runs the README's test command N times in a row (default 20) while a burner keeps every core
# busy, and counts the failures. Linux, macOS, WSL or Git Bash; not part of CI (it takes an hour).
# Usage: scripts/flake-check.sh [runs]      Logs: target/flake/run-N.log
set -uo pipefail
runs="${1:-20}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p target/flake
cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"

# The burner's stdin is a pipe from this script: when the script ends, however it ends, the burner does too.
exec 3> >(java scripts/Burn.java "$cores" 14400 >/dev/null 2>&1)
burner=$!
trap 'exec 3>&-; kill "$burner" 2>/dev/null' EXIT

failures=0
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
for i in $(seq 1 "$runs"); do
  t0=$(date +%s)
  if ./mvnw -B -ntp verify >"target/flake/run-$i.log" 2>&1; then verdict=pass; else verdict=FAIL; failures=$((failures + 1)); fi
  t1=$(date +%s)
  tests=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, ' "target/flake/run-$i.log" | grep -v ' -- in ' \
          | sed -E 's/.*Tests run: ([0-9]+).*/\1/' | paste -sd+ - | bc)
  race=$(grep -oE 'Lost_01_UnlockedBalance: race observed, [0-9,]+ of [0-9,]+' "target/flake/run-$i.log" | sed -E 's/.*observed, //')
  printf 'run %2d: %s in %ds, %s JUnit tests, lost updates seen: %s\n' "$i" "$verdict" $((t1 - t0)) "${tests:-?}" "${race:-none}"
done
echo "started $started on $(uname -sm), $cores cores, burner on $cores threads: $runs runs, $failures failed"
[ "$failures" -eq 0 ]
