//===- HostCompiler.h - compile functions for the host ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The steps shared by the JIT (hwq-run --engine=jit) and ahead-of-time
// compilation (hwq-compile): extract one function into its own module, run
// the host lowering pipeline on it, translate it to LLVM IR and optimize it.
// The compiled function has the host ABI of docs/HostExecution.md:
//
//   void <name>(const void *input0, ..., void *output0, ...)
//
// every pointer to a dense row-major buffer of the argument's (or result's)
// runtime element type (hwq::runtime::ElementKind).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_EXECUTIONENGINE_HOSTCOMPILER_H
#define HWQ_EXECUTIONENGINE_HOSTCOMPILER_H

#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace hwq {

/// Shape and runtime element kind of one argument or result of a compiled
/// function.
struct HostTensorSignature {
  runtime::ElementKind kind = runtime::ElementKind::F32;
  llvm::SmallVector<int64_t, 4> shape;
  /// The IR element type, printed (e.g. `f32`, `!quant.uniform<i8:f32, 0.5>`).
  std::string elementType;
  /// Number of elements.
  int64_t getNumElements() const;
};

/// The signature of a compiled function, in ABI order.
struct HostFunctionSignature {
  llvm::SmallVector<HostTensorSignature> inputs;
  llvm::SmallVector<HostTensorSignature> results;
};

/// Reads the host signature of `func`; reports a located error when an
/// argument or result has no host representation (not a static-shaped
/// ranked tensor of a runtime element kind).
mlir::FailureOr<HostFunctionSignature>
getHostFunctionSignature(mlir::func::FuncOp func);

/// Clones `func` (with the symbols it uses) into a new module in which it
/// is the only public function, named `symbolName`, and lowers that module
/// to the LLVM dialect with buildHostLoweringPipeline. Registers what the
/// lowering needs in `func`'s context. Errors are diagnostics on the
/// context.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
lowerFunctionForHost(mlir::func::FuncOp func, llvm::StringRef symbolName,
                     const HostLoweringOptions &options);

/// A target machine for the host CPU (its name and features), at the
/// highest code generation level; position independent code when `pic`.
/// Initializes the native target on first use.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine(bool pic);

/// A target machine for another target (ahead-of-time cross compilation):
/// an LLVM `triple`, a `cpu` name (empty: generic) and comma-separated
/// `features` (`+neon,+dotprod`), at the highest code generation level;
/// position independent code when `pic`. Initializes every target LLVM was
/// built with on first use; an unknown triple or CPU is an error.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef triple, llvm::StringRef cpu,
                    llvm::StringRef features, bool pic);

/// Translates a lowered module to LLVM IR for `targetMachine` (triple and
/// data layout) and optimizes it at `optLevel` (0-3).
mlir::FailureOr<std::unique_ptr<llvm::Module>>
translateForHost(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                 llvm::TargetMachine &targetMachine, unsigned optLevel);

/// Initializes LLVM's native target and asm printer (once per process).
void initializeNativeTarget();

} // namespace hwq

#endif // HWQ_EXECUTIONENGINE_HOSTCOMPILER_H
