//===- OpKinds.cpp - operator kinds of target descriptions ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/OpKinds.h"

#include "llvm/ADT/STLExtras.h"

using namespace llvm;

static constexpr StringLiteral kOpKinds[] = {
    "conv2d",     "depthwise_conv2d", "matmul",    "add",     "mul",
    "avg_pool2d", "max_pool2d",       "concat",    "clamp",   "reshape",
    "transpose",  "pad",              "softmax",   "sigmoid", "tanh"};

ArrayRef<StringLiteral> hwq::getKnownOpKinds() { return kOpKinds; }

bool hwq::isKnownOpKind(StringRef kind) {
  return llvm::is_contained(kOpKinds, kind);
}

bool hwq::opKindHasWeights(StringRef kind) {
  return kind == "conv2d" || kind == "depthwise_conv2d" || kind == "matmul";
}
