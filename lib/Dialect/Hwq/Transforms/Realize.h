//===- Realize.h - hwq-realize internals ------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The state of one hwq-realize run over a function and the per-op-family
// rewrites (Realize*.cpp). The realizer visits the function's ops once, in
// program order, and builds the integer graph beside the simulated one:
// every simulated value that lies on an integer grid gets a realized value
// of a `!quant.uniform` tensor type. Float ops that read such a value get
// `hwq.dequantize` at the end; then the simulated ops are erased.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_HWQ_TRANSFORMS_REALIZE_H
#define LIB_DIALECT_HWQ_TRANSFORMS_REALIZE_H

#include "SimulatedGraph.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"

namespace hwq {

/// One realization of one function.
class Realizer {
public:
  explicit Realizer(mlir::FunctionOpInterface func)
      : func(func), builder(func.getContext()) {}

  /// Realizes the function; located errors on failure (the function is then
  /// left partially rewritten, as after any failed pass).
  mlir::LogicalResult run();

  /// The builder, positioned before the op being realized.
  mlir::OpBuilder &getBuilder() { return builder; }

  /// The realized (quantized) value of the simulated value `value`, or null.
  mlir::Value lookup(mlir::Value value) const { return realized.lookup(value); }

  /// The realized value of operand `index` of `op`; a located error when the
  /// operand is not on an integer grid.
  mlir::FailureOr<mlir::Value> getQuantizedOperand(mlir::Operation *op,
                                                   unsigned index);

  /// The parameters of a realized value's type (per-tensor when
  /// `perTensor`), with a located error on `op`.
  mlir::FailureOr<QuantParams>
  getParams(mlir::Operation *op, mlir::Value realizedValue, bool perTensor);

  /// The only user of `op`'s result when it is a calibrated sim_quantize
  /// (the op's output edge); a located error otherwise.
  mlir::FailureOr<SimQuantizeOp> getOutputSim(mlir::Operation *op);

  /// The realized tensor type of an edge: `shape` of the quantized type of
  /// `sim`'s calibrated grid.
  mlir::FailureOr<mlir::RankedTensorType>
  getEdgeType(SimQuantizeOp sim, llvm::ArrayRef<int64_t> shape);

  /// Records that `simulated` is realized by `value`.
  void map(mlir::Value simulated, mlir::Value value);

  /// Marks a simulated op as replaced (erased at the end).
  void markReplaced(mlir::Operation *op) { replaced.insert(op); }

  /// How many simulated values `value` realizes.
  unsigned getMappedCount(mlir::Value value) const {
    return mappedCount.lookup(value);
  }

  /// True when `op` was replaced by an earlier rewrite.
  bool isReplaced(mlir::Operation *op) const { return replaced.contains(op); }

private:
  mlir::LogicalResult visit(mlir::Operation *op);
  mlir::LogicalResult realizeSimQuantize(SimQuantizeOp op);
  mlir::LogicalResult insertDequantizes();
  mlir::LogicalResult eraseReplaced();

  mlir::FunctionOpInterface func;
  mlir::OpBuilder builder;
  /// Simulated value -> realized value, in the order of realization.
  llvm::DenseMap<mlir::Value, mlir::Value> realized;
  llvm::SmallVector<mlir::Value> realizedOrder;
  llvm::DenseMap<mlir::Value, unsigned> mappedCount;
  /// Simulated ops to erase.
  llvm::SetVector<mlir::Operation *> replaced;
};

/// conv2d, depthwise_conv2d and matmul (fully connected when B is a
/// constant of batch 1), with their output edge: contraction + i32 bias +
/// hwq.requantize (RealizeContractions.cpp).
/// The element type of a dense attribute holding the storage integers of a
/// quantized constant: `iN` for signed storage, `uiN` for unsigned storage
/// (what tosa.const requires of a `!quant.uniform<uN:...>` result).
inline mlir::IntegerType getConstantStorageType(mlir::Builder &builder,
                                                unsigned width, bool isSigned) {
  return mlir::IntegerType::get(builder.getContext(), width,
                                isSigned ? mlir::IntegerType::Signless
                                         : mlir::IntegerType::Unsigned);
}

mlir::LogicalResult realizeContraction(Realizer &realizer, mlir::Operation *op);

/// add, mul and avg_pool2d with their output edge, and clamp fused into its
/// producer or as an identity requantize (RealizeElementwise.cpp).
mlir::LogicalResult realizeAdd(Realizer &realizer, mlir::tosa::AddOp op);
mlir::LogicalResult realizeMul(Realizer &realizer, mlir::tosa::MulOp op);
mlir::LogicalResult realizeAvgPool(Realizer &realizer,
                                   mlir::tosa::AvgPool2dOp op);
mlir::LogicalResult realizeClamp(Realizer &realizer, mlir::tosa::ClampOp op);

/// max_pool2d, concat, reshape, transpose and pad on quantized tensors
/// (RealizeDataMovement.cpp).
mlir::LogicalResult realizeMaxPool(Realizer &realizer,
                                   mlir::tosa::MaxPool2dOp op);
mlir::LogicalResult realizeConcat(Realizer &realizer, mlir::tosa::ConcatOp op);
mlir::LogicalResult realizeReshape(Realizer &realizer,
                                   mlir::tosa::ReshapeOp op);
mlir::LogicalResult realizeTranspose(Realizer &realizer,
                                     mlir::tosa::TransposeOp op);
mlir::LogicalResult realizePad(Realizer &realizer, mlir::tosa::PadOp op);

/// True when the sim_quantize `sim` snaps values onto exactly the grid
/// `params` (same scale, zero point and clip range, no acc_scale): the
/// follower of a clamp or pad inserted by hwq-exact-sim.
bool isSnapOnto(SimQuantizeOp sim, const QuantParams &params);

} // namespace hwq

#endif // LIB_DIALECT_HWQ_TRANSFORMS_REALIZE_H
