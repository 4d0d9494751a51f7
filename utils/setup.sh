#!/usr/bin/env bash
#===- utils/setup.sh - install dependencies and build hwq -----------------===#
#
# Installs every system package hwq needs (idempotent, non-interactive), then
# configures and builds the project with Ninja into ${HWQ_BUILD_DIR:-build}.
#
#   utils/setup.sh            install + configure + build
#   utils/setup.sh --deps     install only
#
#===----------------------------------------------------------------------===#
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${HWQ_BUILD_DIR:-$root/build}"

packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22
  cmake ninja-build ccache libgtest-dev libgmock-dev googletest
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-numpy
  libclang-rt-22-dev # sanitizer and libFuzzer runtimes (build-san, fuzzers)
  libflatbuffers-dev flatbuffers-compiler # TFLite importer (lib/Import/Tflite*)
  # AArch64 cross compilation and emulation (ARM code generation tests)
  qemu-user libc6-dev-arm64-cross libgcc-12-dev-arm64-cross binutils-aarch64-linux-gnu
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "hwq setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "${1:-}" = "--deps" ] && exit 0

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    "${launcher[@]}" ${HWQ_CMAKE_ARGS:-}
fi
cmake --build "$build"
