//===- EvaluatorImpl.h - reference evaluator internals ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Shared by the files of lib/Reference: the value every SSA tensor holds
// during evaluation (RefTensor), the frame that maps SSA values to them, and
// the table that maps op kinds to their evaluation functions. Each op family
// file (Constants.cpp, TosaElementwise.cpp, TosaData.cpp, TosaNN.cpp, Sim.cpp,
// Hwq.cpp, HwqContractions.cpp) registers its ops in one `register...`
// function.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_REFERENCE_EVALUATORIMPL_H
#define HWQ_LIB_REFERENCE_EVALUATORIMPL_H

#include "hwq/Reference/Evaluator.h"

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Support/TypeID.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <functional>
#include <optional>
#include <vector>

namespace hwq {
namespace ref {
namespace interp {

/// The integer grid of an integer-like element type: IntegerType (signless
/// counts as signed, except i1 which holds 0 and 1), IndexType (64-bit
/// signed) and the storage type of a quant::QuantizedType.
struct IntFormat {
  unsigned bits = 64;
  bool isUnsigned = false;
  int64_t min = INT64_MIN;
  int64_t max = INT64_MAX;

  /// Keeps the low `bits` bits of `value`, sign- or zero-extended
  /// (two's-complement wrap).
  int64_t wrap(int64_t value) const;
  /// Clamps `value` into [min, max].
  int64_t saturate(int64_t value) const {
    return value < min ? min : (value > max ? max : value);
  }
};

/// The integer format of `type`, or std::nullopt when it is not integer-like.
std::optional<IntFormat> getIntFormat(mlir::Type type);

/// Rounds `value` to the precision of `type` (f64: unchanged; f32, f16,
/// bf16, ...: round to nearest even).
double roundToFloatType(double value, mlir::FloatType type);

/// The value of one SSA tensor (or !tosa.shape) during evaluation: float
/// element types keep double values in `floats`; integer, index and quantized
/// element types keep int64 values in `ints`, always inside the type's range.
struct RefTensor {
  llvm::SmallVector<int64_t, 4> shape;
  mlir::Type elementType;
  std::vector<double> floats;
  std::vector<int64_t> ints;

  /// A zero-filled tensor.
  static RefTensor zeros(mlir::Type elementType, llvm::ArrayRef<int64_t> shape);

  bool isFloat() const { return llvm::isa<mlir::FloatType>(elementType); }
  int64_t getNumElements() const;
  int64_t getRank() const { return static_cast<int64_t>(shape.size()); }
  /// Element `i` as a double (exact for ints below 2^53).
  double getDouble(int64_t i) const {
    return isFloat() ? floats[i] : static_cast<double>(ints[i]);
  }
};

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t, 4> getStrides(llvm::ArrayRef<int64_t> shape);

/// Number of elements of `shape`.
int64_t getNumElements(llvm::ArrayRef<int64_t> shape);

/// Visits every multi-index of `shape` in row-major order, with its linear
/// index.
void forEachIndex(
    llvm::ArrayRef<int64_t> shape,
    llvm::function_ref<void(llvm::ArrayRef<int64_t>, int64_t)> fn);

/// The values of an ElementsAttr (dense, splat or dense_resource) as a
/// RefTensor; emits an error on `op` for other attributes.
mlir::FailureOr<RefTensor> tensorFromAttr(mlir::Operation *op,
                                          mlir::ElementsAttr attr);

/// Maps SSA values to their RefTensor while one function runs.
class Frame {
public:
  explicit Frame(const EvaluateOptions &options) : options(options) {}

  const EvaluateOptions &getOptions() const { return options; }

  /// True when `value` has been computed.
  bool contains(mlir::Value value) const { return values.count(value); }

  /// The tensor of an already computed value (the driver checks every
  /// operand with contains() before an op runs).
  const RefTensor &get(mlir::Value value) const {
    return values.find(value)->second;
  }

  /// Binds `value` without any check (block arguments, cached constants).
  void bind(mlir::Value value, RefTensor tensor) {
    values[value] = std::move(tensor);
  }

  /// Binds the result `value` of `op`: checks the shape against the result
  /// type, wraps integers into their type and applies the float rounding
  /// policy of the options.
  mlir::LogicalResult setResult(mlir::Operation *op, mlir::Value value,
                                RefTensor tensor);

  /// The single element of a one-element tensor operand (zero points,
  /// shifts), as an integer; emits an error naming `what` otherwise.
  mlir::FailureOr<int64_t> getScalarInt(mlir::Operation *op, mlir::Value value,
                                        llvm::StringRef what) const;

  /// The single element of a one-element tensor operand, as a double.
  mlir::FailureOr<double> getScalarDouble(mlir::Operation *op,
                                          mlir::Value value,
                                          llvm::StringRef what) const;

  /// Releases the tensor of `value` (after its last use).
  void erase(mlir::Value value) { values.erase(value); }

private:
  const EvaluateOptions &options;
  llvm::DenseMap<mlir::Value, RefTensor> values;
};

/// Maps op kinds to the functions that evaluate them.
class OpEvaluatorRegistry {
public:
  using Fn = std::function<mlir::LogicalResult(mlir::Operation *, Frame &)>;

  /// Registers `fn` as the evaluator of `OpT`.
  template <typename OpT> void add(mlir::LogicalResult (*fn)(OpT, Frame &)) {
    table[mlir::TypeID::get<OpT>()] = [fn](mlir::Operation *op, Frame &frame) {
      return fn(llvm::cast<OpT>(op), frame);
    };
  }

  /// The evaluator of `op`, or nullptr.
  const Fn *lookup(mlir::Operation *op) const;

private:
  llvm::DenseMap<mlir::TypeID, Fn> table;
};

/// Registration, one function per op family.
void registerConstantEvaluators(OpEvaluatorRegistry &registry);
void registerTosaElementwiseEvaluators(OpEvaluatorRegistry &registry);
void registerTosaDataEvaluators(OpEvaluatorRegistry &registry);
void registerTosaNNEvaluators(OpEvaluatorRegistry &registry);
void registerSimEvaluators(OpEvaluatorRegistry &registry);
void registerHwqEvaluators(OpEvaluatorRegistry &registry);
void registerHwqContractionEvaluators(OpEvaluatorRegistry &registry);

//===----------------------------------------------------------------------===//
// Helpers shared by the op families
//===----------------------------------------------------------------------===//

/// The shape of broadcasting `a` and `b` (equal rank; each dimension equal or
/// 1 in one of them); emits an error on `op` otherwise.
mlir::FailureOr<llvm::SmallVector<int64_t, 4>>
broadcastShapes(mlir::Operation *op, llvm::ArrayRef<int64_t> a,
                llvm::ArrayRef<int64_t> b);

/// Calls `fn(out, ia, ib)` for every element of the broadcast shape `out`
/// with the linear indices of the broadcast operands `a` and `b`.
void forEachBroadcast(llvm::ArrayRef<int64_t> out, llvm::ArrayRef<int64_t> a,
                      llvm::ArrayRef<int64_t> b,
                      llvm::function_ref<void(int64_t, int64_t, int64_t)> fn);

/// Emits an error on `op` unless `a` and `b` are both float or both integer.
mlir::LogicalResult checkSameKind(mlir::Operation *op, const RefTensor &a,
                                  const RefTensor &b);

/// The element type of `op`'s result `index`.
mlir::Type getResultElementType(mlir::Operation *op, unsigned index = 0);

} // namespace interp
} // namespace ref
} // namespace hwq

#endif // HWQ_LIB_REFERENCE_EVALUATORIMPL_H
