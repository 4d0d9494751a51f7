//===- HostArtifacts.h - objects, libraries, headers for the host -*- C++
//-*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The files hwq-compile writes for one compiled function (the host ABI of
// docs/HostExecution.md): a relocatable object, a shared library linked from
// it by the system C compiler, and the C header declaring
//
//   void hwq_<name>_run(const T0 *input0, ..., U0 *output0, ...);
//
// Shared by hwq-compile's single-file modes (--emit=...) and the one-command
// path (CompileDriver).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DRIVER_HOSTARTIFACTS_H
#define HWQ_DRIVER_HOSTARTIFACTS_H

#include "hwq/ExecutionEngine/HostCompiler.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/Error.h"

#include <string>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace hwq::driver {

/// `name` as a C identifier: letters, digits and underscores, lower case,
/// prefixed with `m` when it would start with a digit (or be empty).
std::string toCIdentifier(llvm::StringRef name);

/// The C element type of a runtime kind (f16 as its raw bits, `uint16_t`).
llvm::StringRef getCElementType(runtime::ElementKind kind);

/// The C header of the compiled model `name` whose entry point is `symbol`,
/// compiled from `func` with `signature`.
std::string makeCHeader(llvm::StringRef name, llvm::StringRef symbol,
                        mlir::func::FuncOp func,
                        const HostFunctionSignature &signature);

/// Writes an object file (or, with `fileType`, assembly) for `llvmModule` to
/// `path` ("-": stdout).
llvm::Error emitObjectFile(
    llvm::Module &llvmModule, llvm::TargetMachine &machine,
    llvm::StringRef path,
    llvm::CodeGenFileType fileType = llvm::CodeGenFileType::ObjectFile);

/// Links `object` into the shared library `path` with the C compiler ($CC,
/// else the first of cc, clang, gcc on PATH), adding `-lm`.
llvm::Error linkSharedLibrary(llvm::StringRef object, llvm::StringRef path);

/// Lowers `func` for the host under the entry point `symbol`, optimizes it
/// at `optLevel` and writes an object file to `objectPath` and, when
/// `sharedPath` is not empty, a shared library linked from it. Lowering
/// errors are diagnostics on `func`'s context (then the returned error says
/// which model failed).
llvm::Error compileForHost(mlir::func::FuncOp func, llvm::StringRef symbol,
                           const HostLoweringOptions &options,
                           unsigned optLevel, llvm::StringRef objectPath,
                           llvm::StringRef sharedPath);

/// Lowers `func` under the entry point `symbol` and writes an object file
/// for another target (`triple`, `cpu`, `features`) to `objectPath`; no
/// library is linked (that needs the target's toolchain).
llvm::Error compileForTarget(mlir::func::FuncOp func, llvm::StringRef symbol,
                             const HostLoweringOptions &options,
                             unsigned optLevel, llvm::StringRef triple,
                             llvm::StringRef cpu, llvm::StringRef features,
                             llvm::StringRef objectPath);

} // namespace hwq::driver

#endif // HWQ_DRIVER_HOSTARTIFACTS_H
