//===- OpKinds.h - operator kinds of target descriptions --------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The operator kinds a target description may name. They are the vocabulary
// shared by the target file format, #hwq.op_rule and the passes that map IR
// operations (TOSA, hwq) to target rules.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_OPKINDS_H
#define HWQ_DIALECT_HWQ_IR_OPKINDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace hwq {

/// All operator kinds, in documentation order.
llvm::ArrayRef<llvm::StringLiteral> getKnownOpKinds();

/// True when `kind` names an operator kind a target may describe.
bool isKnownOpKind(llvm::StringRef kind);

/// True for kinds with a weight operand (conv2d, depthwise_conv2d, matmul).
bool opKindHasWeights(llvm::StringRef kind);

} // namespace hwq

#endif // HWQ_DIALECT_HWQ_IR_OPKINDS_H
