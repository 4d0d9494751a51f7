//===- Pipeline.h - the AArch64 lowering pipeline ---------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-lower-arm: the host lowering pipeline (docs/HostExecution.md) with the
// AArch64 code generator plugged into its extension points: realized int8
// contractions packed into linalg.mmt4d before bufferization, and lowered to
// sdot / smmla / SVE smmla / plain NEON micro-kernels after it
// (docs/ARM.md).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_ARM_PIPELINE_H
#define HWQ_CODEGEN_ARM_PIPELINE_H

#include "hwq/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace hwq::arm {

/// The int8 micro-kernel families of the AArch64 code generator.
enum class ArmKernel {
  /// Plain NEON (Armv8.0, e.g. Cortex-A72): widening multiplies and adds.
  Neon,
  /// The dot product extension (Armv8.2 +dotprod): sdot.
  DotProd,
  /// The int8 matrix multiply extension (+i8mm): smmla.
  I8MM,
  /// SVE with i8mm: smmla on scalable vectors.
  SVE,
};

/// The kernel for comma-separated LLVM target features: `sve` (with
/// `+sve,+i8mm`), else `i8mm`, else `dotprod`, else `neon`.
ArmKernel selectArmKernel(llvm::StringRef features);

/// The option spelling of a kernel: neon, dotprod, i8mm or sve.
llvm::StringRef getArmKernelName(ArmKernel kernel);

/// Parses an option spelling (see getArmKernelName).
std::optional<ArmKernel> parseArmKernel(llvm::StringRef name);

/// Plugs the ARM passes into the extension points of the host lowering
/// pipeline `options` configures (reads `options.lowerToLLVM`, so set that
/// first) and turns the x86 code generator off (`codegen=plain`).
void configureArmLowering(HostLoweringOptions &options, ArmKernel kernel);

/// Options of `hwq-lower-arm`.
struct ArmLoweringOptions
    : public mlir::PassPipelineOptions<ArmLoweringOptions> {
  Option<std::string> kernel{
      *this, "kernel",
      llvm::cl::desc("Micro-kernel: neon, dotprod, i8mm, sve, or auto (from "
                     "the features of the module's #hwq.target)"),
      llvm::cl::init("auto")};
  Option<bool> lowerToLLVM{
      *this, "lower-to-llvm",
      llvm::cl::desc("Lower to the LLVM dialect (otherwise stop after the "
                     "micro-kernels, on memrefs)"),
      llvm::cl::init(true)};
};

/// Adds hwq-lower-arm to `pm` (kernel `auto` is resolved by the passes from
/// the module's #hwq.target; `neon` when it has none).
void buildArmLoweringPipeline(mlir::OpPassManager &pm,
                              const ArmLoweringOptions &options);

/// Registers the ARM passes and the `hwq-lower-arm` pipeline.
void registerArmCodegenPasses();

/// Adds the dialects and LLVM IR translations the ARM micro-kernels need
/// (arm_neon, arm_sve) to `registry`.
void registerArmCodegenDialects(mlir::DialectRegistry &registry);

} // namespace hwq::arm

#endif // HWQ_CODEGEN_ARM_PIPELINE_H
