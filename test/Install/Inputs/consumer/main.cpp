//===- main.cpp - a tool embedding hwq via find_package(HWQ) ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Parses a module that uses the hwq dialect, runs an hwq pass through a pass
// manager and prints the result: proof that the installed headers, libraries
// and generated .inc files are complete.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: hwq-consumer FILE.mlir\n";
    return 2;
  }
  mlir::MLIRContext context;
  context.loadDialect<hwq::HwqDialect, mlir::func::FuncDialect>();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module)
    return 1;
  unsigned count = 0;
  module->walk([&](hwq::SimQuantizeOp op) {
    llvm::outs() << "sim_quantize bits=" << op.getBits()
                 << " qmin=" << op.getQMin() << " qmax=" << op.getQMax()
                 << "\n";
    ++count;
  });
  llvm::outs() << "found " << count << " hwq.sim_quantize\n";
  hwq::registerHwqPasses();
  mlir::PassManager pm(&context);
  pm.addPass(mlir::createCanonicalizerPass());
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  return 0;
}
