//===- Pipelines.h - hwq pass pipelines -------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The pass pipelines of hwq, built in one place. Tools (hwq-opt, hwq-run's
// JIT engine, hwq-compile) call these builders instead of assembling pass
// lists themselves.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_PIPELINES_PIPELINES_H
#define HWQ_PIPELINES_PIPELINES_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <functional>

namespace hwq {

/// How the host lowering computes float values.
enum class FloatPrecision {
  /// f64 for functions that contain hwq.sim_quantize (the reference
  /// evaluator's precision, needed for bit-exact simulated graphs), the IR's
  /// own types (f32) elsewhere.
  Auto,
  /// The IR's own float types everywhere.
  Native,
  /// f64 everywhere.
  F64,
};

/// Options of the host lowering pipeline (`hwq-host-lowering`).
struct HostLoweringOptions
    : public mlir::PassPipelineOptions<HostLoweringOptions> {
  Option<FloatPrecision> floatPrecision{
      *this, "float-precision",
      llvm::cl::desc("Precision of float computations"),
      llvm::cl::init(FloatPrecision::Auto),
      llvm::cl::values(
          clEnumValN(FloatPrecision::Auto, "auto",
                     "f64 in functions with hwq.sim_quantize, else native"),
          clEnumValN(FloatPrecision::Native, "native", "the IR's float types"),
          clEnumValN(FloatPrecision::F64, "f64", "f64 everywhere"))};
  Option<bool> lowerToLLVM{
      *this, "lower-to-llvm",
      llvm::cl::desc("Lower to the LLVM dialect (otherwise stop after "
                     "bufferization, on memrefs and linalg)"),
      llvm::cl::init(true)};
  Option<std::string> codegen{
      *this, "codegen",
      llvm::cl::desc("Code generator of int8 contractions: auto (the x86 "
                     "micro-kernels when the module's #hwq.target is an x86 "
                     "one), x86 (always), plain (loops only)"),
      llvm::cl::init("auto")};
  Option<std::string> x86Isa{
      *this, "x86-isa",
      llvm::cl::desc("Dot-product instruction of the x86 micro-kernels: auto "
                     "(the host's best), avx512-vnni, avx2, generic"),
      llvm::cl::init("auto")};
  /// Code generator extension points (lib/Codegen): passes added right
  /// after hwq-convert-realized-to-linalg (linalg on tensors, before TOSA
  /// lowering and elementwise fusion) ...
  std::function<void(mlir::OpPassManager &)> afterRealizedLowering;
  /// ... and on memrefs after bufferization, before the conversions to the
  /// LLVM dialect (also when `lowerToLLVM` is false).
  std::function<void(mlir::OpPassManager &)> afterBufferization;
};

/// Lowers a module of float TOSA, hwq.sim_quantize and realized hwq ops to
/// the LLVM dialect for the host (docs/HostExecution.md):
///   hwq-prepare-host-abi, hwq-convert-realized-to-linalg, TOSA -> linalg
///   (upstream tosa-to-linalg pipeline, tosa-to-tensor, tosa-to-arith),
///   hwq-widen-float (per `floatPrecision`), hwq-convert-sim-to-linalg,
///   elementwise fusion, one-shot bufferization with results written into
///   caller buffers (buffer-results-to-out-params), buffer deallocation,
///   loops, and the LLVM conversions with the bare-pointer calling
///   convention: every function becomes `void f(ptr in..., ptr out...)`.
void buildHostLoweringPipeline(mlir::OpPassManager &pm,
                               const HostLoweringOptions &options);

/// The host lowering with the x86 code generator forced on
/// (`hwq-lower-x86`): `codegen=x86`.
void buildX86LoweringPipeline(mlir::OpPassManager &pm,
                              const HostLoweringOptions &options);

/// Registers the hwq pipelines (`hwq-host-lowering`) and the conversion
/// passes they use.
void registerHwqPipelines();

/// Adds to `registry` what the host lowering needs beyond the input dialects:
/// every upstream dialect and extension (bufferization and LLVM conversion
/// interfaces) and the LLVM IR translations.
void registerHostLoweringDialects(mlir::DialectRegistry &registry);

} // namespace hwq

#endif // HWQ_PIPELINES_PIPELINES_H
