#!/usr/bin/env bash
#===- utils/update-docs.sh - regenerate docs/generated --------------------===#
#
# Builds the `mlir-doc` target (dialect, op and pass reference generated from
# the .td files into <build>/docs) and copies every generated Markdown file
# into docs/generated/, keeping its relative path, so that the reference is
# readable without a build. Commit the result.
#
#   utils/update-docs.sh            uses ${HWQ_BUILD_DIR:-build}
#
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"
dest="$root/docs/generated"

if [ ! -f "$build/build.ninja" ]; then
  echo "update-docs: no configured build in $build; run utils/setup.sh first" >&2
  exit 1
fi
cmake --build "$build" --target mlir-doc

rm -rf "$dest"
mkdir -p "$dest"
count=0
while IFS= read -r -d '' file; do
  rel="${file#"$build/docs/"}"
  mkdir -p "$dest/$(dirname "$rel")"
  cp "$file" "$dest/$rel"
  count=$((count + 1))
done < <(find "$build/docs" -name '*.md' -print0 | sort -z)
echo "update-docs: copied $count file(s) into docs/generated"
