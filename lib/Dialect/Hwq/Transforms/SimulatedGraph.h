//===- SimulatedGraph.h - reading calibrated simulated graphs ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Helpers shared by hwq-exact-sim and hwq-realize: the calibrated parameters
// of a `hwq.sim_quantize` as the `QuantParams` of the `!quant.uniform` type
// its edge will have, constants read as doubles / integers, and the grid a
// value lies on (the sim_quantize that defines it, followed through the
// quantized ops that move integers without arithmetic).
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_HWQ_TRANSFORMS_SIMULATEDGRAPH_H
#define LIB_DIALECT_HWQ_TRANSFORMS_SIMULATEDGRAPH_H

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace hwq {

/// The values of a constant float tensor (any ElementsAttr constant, read
/// exactly as doubles), or std::nullopt when `value` is not such a constant.
std::optional<llvm::SmallVector<double>> getConstantFloats(mlir::Value value);

/// The values of a constant integer tensor (sign-extended), or std::nullopt.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);

/// The width of the integer container of a `bits`-wide edge: 8, 16 or 32.
unsigned getContainerWidth(unsigned bits);

/// The parameters of the edge a calibrated `sim_quantize` describes: its
/// scales (f32 values, as doubles), zero points, axis (only when the scale
/// has more than one element), the clip range of its bits / signedness /
/// narrow range, the container width and the input's element type. Emits a
/// located error and fails when the op is not calibrated with constant
/// parameters of consistent sizes.
mlir::FailureOr<QuantParams> getSimQuantizeParams(SimQuantizeOp op);

/// The accumulator scales of a sim_quantize's `acc_scale` (f32 values as
/// doubles), std::nullopt when absent or not constant.
std::optional<llvm::SmallVector<double>> getAccScales(SimQuantizeOp op);

/// The `!quant.uniform` element type of an edge with parameters `params`
/// (per-axis when `params.axis` is set), storage bounds = the clip range.
/// Emits an error at `loc` and returns null when the type is invalid.
mlir::quant::QuantizedType getQuantizedType(const QuantParams &params,
                                            mlir::Location loc);

/// True when `a` and `b` describe the same grid and clip range.
bool isSameGrid(const QuantParams &a, const QuantParams &b);

/// True for a TOSA op that hwq-annotate quantized (it carries hwq.config).
bool isQuantizedOp(mlir::Operation *op);

/// The `hwq.kind` of an op, "" when absent.
llvm::StringRef getOpKindAttr(mlir::Operation *op);

/// True for the quantized ops that move or clamp integers of their input's
/// grid (clamp, reshape, transpose, max_pool2d, pad, concat).
bool isGridPassThrough(mlir::Operation *op);

/// The sim_quantize whose grid `value` lies on: its defining sim_quantize,
/// or, through quantized pass-through ops, that of their first input; null
/// when the value is not on a grid (a float value).
SimQuantizeOp getGridDefiningOp(mlir::Value value);

/// Creates `arith.constant dense<values> : tensor<f32>` (one value) or
/// `tensor<Nxf32>` at the builder's insertion point.
mlir::Value createF32Constant(mlir::OpBuilder &builder, mlir::Location loc,
                              llvm::ArrayRef<double> values);

/// The channel of element `index` (row-major) of a tensor of `shape` along
/// `axis`; 0 when `axis` is std::nullopt.
int64_t getChannelOf(int64_t index, llvm::ArrayRef<int64_t> shape,
                     std::optional<int32_t> axis);

/// Quantizes constant `values` of a tensor of `shape` onto the grid
/// `params` (per channel along its axis) with quantizeReal.
llvm::SmallVector<int64_t> quantizeValues(llvm::ArrayRef<double> values,
                                          llvm::ArrayRef<int64_t> shape,
                                          const QuantParams &params,
                                          RoundingMode rounding);

/// `value` with 9 significant digits (enough to tell f32 values apart), for
/// diagnostics.
std::string formatReal(double value);

} // namespace hwq

#endif // LIB_DIALECT_HWQ_TRANSFORMS_SIMULATEDGRAPH_H
