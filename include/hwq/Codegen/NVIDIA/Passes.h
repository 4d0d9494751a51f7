//===- Passes.h - NVIDIA code generation ------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The NVIDIA code generator: realized contractions as tiled int8 kernels
// (dp4a on sm_75, mma.sync s8 on sm_80 / sm_90), their host emulation, and
// the lowering of the kernels to PTX (docs/NVIDIA.md).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_NVIDIA_PASSES_H
#define HWQ_CODEGEN_NVIDIA_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "hwq/Runtime/Engine.h"

#include <memory>

#include <string>

namespace hwq {

#define GEN_PASS_DECL
#include "hwq/Codegen/NVIDIA/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Codegen/NVIDIA/Passes.h.inc"

namespace nvidia {

/// A supported NVIDIA architecture: its compute capability (75, 80, 90) and
/// the PTX ISA version the generated code declares (e.g. 80 for +ptx80).
struct NvidiaArch {
  unsigned smVersion = 80;
  unsigned ptxVersion = 80;
  /// True when the contractions use mma.sync m16n8k32 (sm_80 and later);
  /// dp4a otherwise.
  bool useMma() const { return smVersion >= 80; }
  /// "sm_80".
  std::string getChip() const { return "sm_" + std::to_string(smVersion); }
  /// "+ptx80".
  std::string getFeatures() const {
    return "+ptx" + std::to_string(ptxVersion);
  }
};

/// Checks `chip` ("sm_XX") and `features` ("+ptxNN", comma separated,
/// optional) against what hwq generates: dp4a needs sm_61+ (hwq's floor is
/// sm_75), mma.sync s8 m16n8k32 sm_80+, and the PTX version must be one
/// that both the architecture and those instructions accept. Emits a
/// diagnostic at `loc` and fails otherwise.
mlir::FailureOr<NvidiaArch> checkNvidiaArch(mlir::Location loc,
                                            llvm::StringRef chip,
                                            llvm::StringRef features);

/// The architecture of `module`: `arch` when not empty, else the cpu of the
/// module's `#hwq.target` (which must then be an NVPTX target).
mlir::FailureOr<NvidiaArch> getModuleArch(mlir::ModuleOp module,
                                          llvm::StringRef arch);

/// Lowers the gpu.launch kernels of `module` (after
/// hwq-nvidia-map-contractions) to PTX: outlining, NVVM lowering, LLVM
/// NVPTX code generation. Returns one PTX module holding every kernel.
/// With `barePointers`, every memref kernel argument is one pointer (what
/// the CUDA engine passes); otherwise MLIR's memref descriptors.
mlir::FailureOr<std::string> emitPTX(mlir::ModuleOp module,
                                     const NvidiaArch &arch,
                                     bool barePointers = false);

/// hwq-compile --emit=ptx: maps the contractions of `module` for `arch`
/// (or the module's #hwq.target when empty) and returns the PTX of all
/// kernels (emitPTX).
mlir::FailureOr<std::string> compileKernelsToPTX(mlir::ModuleOp module,
                                                 llvm::StringRef arch);

/// The `--device=cuda` engine of hwq-run: compiles the function's
/// contractions to PTX for the device's architecture and runs them through
/// the CUDA driver (opened at run time; prepare() fails with a clear
/// "no CUDA driver" error where there is none). Ops without a device kernel
/// run on the host between the kernels (reference evaluator on copies).
std::unique_ptr<runtime::Engine> createCudaEngine();

/// Registers hwq-nvidia-map-contractions and the `hwq-lower-nvidia`
/// pipeline.
void registerNvidiaPasses();

} // namespace nvidia
} // namespace hwq

#endif // HWQ_CODEGEN_NVIDIA_PASSES_H
