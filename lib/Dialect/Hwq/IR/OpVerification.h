//===- OpVerification.h - shared checks of the realized ops -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Private helpers shared by the verifiers in lib/Dialect/Hwq/IR. Every helper
// reports its own diagnostic on the op and returns failure.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_HWQ_IR_OPVERIFICATION_H
#define LIB_DIALECT_HWQ_IR_OPVERIFICATION_H

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <optional>

namespace hwq {
namespace opverify {

/// Reads the quantization parameters of `value`'s type, or reports that
/// `name` must be a per-tensor or per-axis !quant.uniform tensor.
mlir::FailureOr<QuantParams> getParams(mlir::Operation *op, mlir::Value value,
                                       llvm::StringRef name);

/// Checks that a per-axis `params` fits `type`: quantized dimension in
/// [0, rank), one scale per element of that dimension (when static).
mlir::LogicalResult verifyPerAxisFits(mlir::Operation *op, llvm::StringRef name,
                                      mlir::RankedTensorType type,
                                      const QuantParams &params);

/// Checks `name` is per-tensor.
mlir::LogicalResult verifyPerTensor(mlir::Operation *op, llvm::StringRef name,
                                    const QuantParams &params);

/// Checks that `values` has `size` elements, each >= `minValue`.
mlir::LogicalResult verifyArrayAttr(mlir::Operation *op, llvm::StringRef name,
                                    llvm::ArrayRef<int64_t> values, size_t size,
                                    int64_t minValue);

/// Checks that the rank of `type` is `rank`.
mlir::LogicalResult verifyRank(mlir::Operation *op, llvm::StringRef name,
                               mlir::RankedTensorType type, int64_t rank);

/// Checks that dimension sizes `a` and `b` agree when both are static.
mlir::LogicalResult verifyDimsAgree(mlir::Operation *op, llvm::StringRef what,
                                    int64_t a, int64_t b);

/// The output size of a sliding window on one spatial axis:
/// (in + padLo + padHi - effectiveKernel) / stride + 1, std::nullopt when the
/// input size is dynamic, and -1 when the padded input is smaller than the
/// window.
std::optional<int64_t> getWindowOutputSize(int64_t in, int64_t padLo,
                                           int64_t padHi,
                                           int64_t effectiveKernel,
                                           int64_t stride);

/// Checks the spatial output size of one axis (`axisName` is "height" or
/// "width").
mlir::LogicalResult verifyWindowOutputSize(mlir::Operation *op,
                                           llvm::StringRef axisName, int64_t in,
                                           int64_t padLo, int64_t padHi,
                                           int64_t effectiveKernel,
                                           int64_t stride, int64_t out);

/// Checks that `output` is an accumulator for activation parameters `input`
/// and weight parameters `weight`: signed i16/i32 storage with the full
/// range, zero point 0, the input's expressed type, per-axis on
/// `channelDim` exactly when `weight` is per-axis (one scale per weight
/// channel), and scales equal to s_in * s_w (relative tolerance 2^-20).
mlir::LogicalResult
verifyAccumulator(mlir::Operation *op, mlir::RankedTensorType outputType,
                  const QuantParams &input, const QuantParams &weight,
                  int64_t channelDim, llvm::StringRef weightName);

/// Checks that all `params` share one expressed type.
mlir::LogicalResult
verifySameExpressedType(mlir::Operation *op,
                        llvm::ArrayRef<const QuantParams *> params);

/// Checks `multiplier`/`shift` against computeMultiplierAndShift(ratio);
/// `what` names the pair in messages.
mlir::LogicalResult verifyMultiplier(mlir::Operation *op, llvm::StringRef what,
                                     double ratio, int64_t multiplier,
                                     int64_t shift);

/// The clip range [lo, hi] of an output: its storage range intersected with
/// the optional fused clamp bounds.
std::pair<int64_t, int64_t> getClipRange(const QuantParams &output,
                                         std::optional<int64_t> clampMin,
                                         std::optional<int64_t> clampMax);

/// Checks clamp_min <= clamp_max and a non-empty clip range.
mlir::LogicalResult verifyClamp(mlir::Operation *op, const QuantParams &output,
                                std::optional<int64_t> clampMin,
                                std::optional<int64_t> clampMax);

/// Checks TOSA broadcasting of `a` and `b` into `out`: same rank, each
/// operand dimension equal to the output's or 1.
mlir::LogicalResult verifyBroadcast(mlir::Operation *op,
                                    mlir::RankedTensorType a,
                                    mlir::RankedTensorType b,
                                    mlir::RankedTensorType out);

} // namespace opverify
} // namespace hwq

#endif // LIB_DIALECT_HWQ_IR_OPVERIFICATION_H
