#!/usr/bin/env bash
#===- utils/check.sh - build hwq and run the whole test suite ------------===#
#
#   utils/check.sh               the normal build (build/)
#   utils/check.sh --sanitized   the ASan + UBSan build (build-san/, clang 22,
#                                utils/sanitized.cmake; fuzz corpora replayed)
#   utils/check.sh --all         both, one after the other
#
# Installs what is missing, builds, runs `check-hwq` (lit + GoogleTest through
# lit) and prints one closing line "hwq: N passed, N failed, N skipped"
# (summed over the suites run). Exits non-zero when any test fails.
# HWQ_BUILD_DIR and HWQ_SAN_BUILD_DIR override the build folders.
#
#===----------------------------------------------------------------------===#
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  "") suites=(normal) ;;
  --sanitized) suites=(sanitized) ;;
  --all) suites=(normal sanitized) ;;
  *) echo "usage: utils/check.sh [--sanitized | --all]"; exit 2 ;;
esac

# lit prints "  Passed: 12 (..)" or, aligned, "  Passed     : 12 (..)".
count() { grep -E "^\s*$1 *: +[0-9]+" "$log" | sed -E 's/.*: +([0-9]+).*/\1/' | awk '{s += $1} END {print s + 0}'; }

passed=0 failed=0 skipped=0 status=0
for suite in "${suites[@]}"; do
  if [ "$suite" = normal ]; then
    build="${HWQ_BUILD_DIR:-$root/build}"
    args="${HWQ_CMAKE_ARGS:-}"
  else
    build="${HWQ_SAN_BUILD_DIR:-$root/build-san}"
    args="-C $root/utils/sanitized.cmake"
  fi
  if ! HWQ_BUILD_DIR="$build" HWQ_CMAKE_ARGS="$args" "$root/utils/setup.sh"; then
    echo "check.sh: the $suite build failed"
    echo "hwq: build failed"
    exit 1
  fi
  log="$(mktemp)"
  cmake --build "$build" --target check-hwq 2>&1 | tee "$log"
  suite_status=${PIPESTATUS[0]}
  suite_passed=$(count Passed)
  suite_failed=$(( $(count Failed) + $(count Unresolved) + $(count 'Timed Out') + $(count 'Unexpectedly Passed') ))
  suite_skipped=$(count Unsupported)
  rm -f "$log"
  if [ "$suite_status" -ne 0 ] && [ "$suite_failed" -eq 0 ]; then
    suite_failed=1
  fi
  [ "$suite_status" -ne 0 ] && status=$suite_status
  ((${#suites[@]} > 1)) && echo "check.sh: $suite suite: $suite_passed passed, $suite_failed failed, $suite_skipped skipped"
  passed=$((passed + suite_passed)) failed=$((failed + suite_failed)) skipped=$((skipped + suite_skipped))
done
echo "hwq: $passed passed, $failed failed, $skipped skipped"
exit "$status"
