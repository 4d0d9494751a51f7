//===- ToolSupport.h - helpers shared by the hwq command-line tools -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Small pieces every hwq tool (hwq-run, hwq-eval, hwq-compile) needs the same
// way: printing locations in one-line diagnostics and choosing the function a
// tool works on.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_TOOLS_TOOLSUPPORT_H
#define HWQ_TOOLS_TOOLSUPPORT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"

#include <string>

namespace hwq::tools {

/// `file:line:col: ` for locations that have one, else the empty string.
inline std::string formatLocation(mlir::Location loc) {
  if (auto fileLoc = loc->findInstanceOf<mlir::FileLineColLoc>())
    return llvm::formatv("{0}:{1}:{2}: ", fileLoc.getFilename().getValue(),
                         fileLoc.getLine(), fileLoc.getColumn())
        .str();
  return "";
}

/// The function a tool works on: `name` when given, else @main, else the
/// module's only function with a body. The error message says why none fits.
inline llvm::Expected<mlir::func::FuncOp>
selectEntryFunction(mlir::ModuleOp module, llvm::StringRef name) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  if (!name.empty()) {
    if (auto func = module.lookupSymbol<mlir::func::FuncOp>(name))
      return func;
    return error("no function @" + name + " in the module");
  }
  if (auto main = module.lookupSymbol<mlir::func::FuncOp>("main"))
    return main;
  mlir::func::FuncOp found;
  unsigned count = 0;
  for (auto func : module.getOps<mlir::func::FuncOp>())
    if (!func.isExternal()) {
      found = func;
      ++count;
    }
  if (count == 1)
    return found;
  return error(count == 0 ? "the module has no function with a body"
                          : "the module has several functions; choose one "
                            "with --function");
}

} // namespace hwq::tools

#endif // HWQ_TOOLS_TOOLSUPPORT_H
