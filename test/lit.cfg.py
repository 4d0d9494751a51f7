# -*- Python -*-
# lit configuration of the hwq regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "HWQ"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".yaml"]
config.excludes = ["Inputs", "Unit", "CMakeLists.txt", "README.md",
                   "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hwq_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%hwq_src_root", config.hwq_src_root))
config.substitutions.append(("%hwq_obj_root", config.hwq_obj_root))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%targets", os.path.join(config.hwq_src_root,
                                                      "targets")))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.hwq_tools_dir, append_path=True)

tools = ["hwq-opt", "hwq-run", "hwq-compile", "hwq-translate", "hwq-make-onnx",
         "hwq-eval"]
tools.append("hwq-make-tflite")
llvm_config.add_tool_substitutions(tools, [config.hwq_tools_dir])

# Third-party models beside the checkout (../shared/models). Tests that need
# them say `REQUIRES: shared-models`; lit reports them as UNSUPPORTED (and
# the summary prints the count) when the folder is absent.
shared_models = os.path.normpath(os.path.join(config.hwq_src_root, "..",
                                              "shared", "models"))
if os.path.isdir(shared_models):
    config.available_features.add("shared-models")
    config.substitutions.append(("%shared_models", shared_models))
else:
    lit_config.note("../shared/models not found: tests on the real models "
                    "are skipped")

if config.hwq_sanitizers:
    config.available_features.add("sanitizers")

# Sanitized builds (HWQ_ENABLE_SANITIZERS, docs/Robustness.md): any report
# fails the test; leaks are reported too.
if config.hwq_sanitizers:
    config.environment["ASAN_OPTIONS"] = "abort_on_error=1:detect_leaks=1"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:abort_on_error=1"

# libFuzzer targets (HWQ_ENABLE_FUZZERS): test/Fuzz replays their corpora.
if getattr(config, "hwq_fuzzers", False):
    config.available_features.add("fuzzers")
    llvm_config.add_tool_substitutions(
        ["hwq-fuzz-target-description", "hwq-fuzz-onnx", "hwq-fuzz-tensor-io",
         "hwq-fuzz-passes"], [config.hwq_tools_dir])
    llvm_config.add_tool_substitutions(["hwq-fuzz-tflite"],
                                       [config.hwq_tools_dir])

# AArch64 cross compilation and emulation (ARM code generation tests,
# docs/ARM.md): clang-22 with the Debian arm64 cross libc links static
# executables, qemu-aarch64 runs them. utils/setup.sh installs both; tests
# say `REQUIRES: aarch64-cross, qemu-aarch64` and are reported UNSUPPORTED
# (with the note below) where they are missing.
import shutil
aarch64_cc = shutil.which("clang-22") or shutil.which("clang")
aarch64_libc = "/usr/aarch64-linux-gnu/lib/crt1.o"
if aarch64_cc and os.path.exists(aarch64_libc) and \
        shutil.which("aarch64-linux-gnu-ld"):
    config.available_features.add("aarch64-cross")
    config.substitutions.append(
        ("%aarch64_cc", aarch64_cc + " --target=aarch64-linux-gnu -static"))
else:
    lit_config.note("no AArch64 cross toolchain (clang-22 and "
                    "libc6-dev-arm64-cross; run utils/setup.sh --deps): "
                    "ARM execution tests are skipped")
qemu = shutil.which("qemu-aarch64")
if qemu:
    config.available_features.add("qemu-aarch64")
    config.substitutions.append(("%qemu_aarch64", qemu))
else:
    lit_config.note("qemu-aarch64 not found (qemu-user; run utils/setup.sh "
                    "--deps): ARM execution tests are skipped")
# NVIDIA's PTX assembler (test/Codegen/NVIDIA): every generated kernel is
# assembled for sm_75, sm_80 and sm_90. Without it those tests are reported
# UNSUPPORTED, with this note.
import shutil
ptxas = shutil.which("ptxas") or (
    "/usr/local/cuda/bin/ptxas" if os.access("/usr/local/cuda/bin/ptxas", os.X_OK)
    else None)
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
else:
    lit_config.note("ptxas not found (PATH, /usr/local/cuda/bin): the PTX "
                    "assembly tests of test/Codegen/NVIDIA are skipped")

# A CUDA driver (libcuda.so.1) that can be opened: hwq-run --device=cuda
# runs kernels; without one it must fail with a clear message.
try:
    import ctypes
    ctypes.CDLL("libcuda.so.1")
    config.available_features.add("cuda-driver")
except OSError:
    pass
