//===- TosaOpKinds.cpp - map TOSA operations to operator kinds --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

StringRef hwq::getTosaOpKind(Operation *op) {
  return llvm::TypeSwitch<Operation *, StringRef>(op)
      .Case<tosa::Conv2DOp>([](auto) { return "conv2d"; })
      .Case<tosa::DepthwiseConv2DOp>([](auto) { return "depthwise_conv2d"; })
      .Case<tosa::MatMulOp>([](auto) { return "matmul"; })
      .Case<tosa::AddOp>([](auto) { return "add"; })
      .Case<tosa::MulOp>([](auto) { return "mul"; })
      .Case<tosa::ClampOp>([](auto) { return "clamp"; })
      .Case<tosa::AvgPool2dOp>([](auto) { return "avg_pool2d"; })
      .Case<tosa::MaxPool2dOp>([](auto) { return "max_pool2d"; })
      .Case<tosa::ConcatOp>([](auto) { return "concat"; })
      .Case<tosa::ReshapeOp>([](auto) { return "reshape"; })
      .Case<tosa::TransposeOp>([](auto) { return "transpose"; })
      .Case<tosa::PadOp>([](auto) { return "pad"; })
      .Case<tosa::SigmoidOp>([](auto) { return "sigmoid"; })
      .Case<tosa::TanhOp>([](auto) { return "tanh"; })
      .Default([](Operation *) { return ""; });
}
