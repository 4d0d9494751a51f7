#!/usr/bin/env bash
#===- utils/check.sh - build hwq and run the whole test suite ------------===#
#
# Installs what is missing, builds, runs `check-hwq` (lit + GoogleTest through
# lit) and prints one closing line "hwq: N passed, N failed, N skipped".
# Exits non-zero when any test fails.
#
#===----------------------------------------------------------------------===#
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"
export HWQ_BUILD_DIR="$build"

"$root/utils/setup.sh" || { echo "hwq: build failed"; exit 1; }

log="$(mktemp)"
cmake --build "$build" --target check-hwq 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# lit prints "  Passed: 12 (..)" or, aligned, "  Passed     : 12 (..)".
count() { grep -E "^\s*$1 *: +[0-9]+" "$log" | sed -E 's/.*: +([0-9]+).*/\1/' | awk '{s += $1} END {print s + 0}'; }
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Unresolved) + $(count 'Timed Out') + $(count 'Unexpectedly Passed') ))
skipped=$(count Unsupported)
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "hwq: $passed passed, $failed failed, $skipped skipped"
exit "$status"
