//===- TargetDescription.cpp - target description files ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Target/TargetDescription.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace hwq;

FailureOr<TargetAttr> hwq::parseTargetDescription(llvm::SourceMgr &sourceMgr,
                                                  MLIRContext *context) {
  // TODO(target-parser): replaced by the YAML parser.
  auto *buffer = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  return emitError(FileLineColLoc::get(context, buffer->getBufferIdentifier(),
                                       1, 1),
                   "target description parsing is not implemented yet");
}

FailureOr<TargetAttr> hwq::parseTargetDescriptionFile(StringRef path,
                                                      MLIRContext *context) {
  auto bufferOr = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (std::error_code ec = bufferOr.getError())
    return emitError(UnknownLoc::get(context))
           << "cannot open target description '" << path
           << "': " << ec.message();
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*bufferOr), llvm::SMLoc());
  return parseTargetDescription(sourceMgr, context);
}
