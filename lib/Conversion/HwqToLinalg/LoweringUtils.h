//===- LoweringUtils.h - helpers of the HwqToLinalg patterns ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Shared by the op-family files of lib/Conversion/HwqToLinalg: an
// elementwise linalg.generic builder with per-channel constants, the
// extension of stored integers, and the registration function of each
// family.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_CONVERSION_HWQTOLINALG_LOWERINGUTILS_H
#define HWQ_LIB_CONVERSION_HWQTOLINALG_LOWERINGUTILS_H

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>

namespace hwq {
namespace conversion {

/// Builds one all-parallel linalg.generic producing a tensor of
/// `resultType`. Inputs are tensors read through an indexing map, or
/// per-channel constants (a constant tensor read along one result dimension,
/// or a scalar constant when all channels agree). The body callback gets one
/// scalar per added input, in the order they were added.
class ElementwiseBuilder {
public:
  ElementwiseBuilder(mlir::OpBuilder &builder, mlir::Location loc,
                     mlir::RankedTensorType resultType);

  /// Adds `tensor` read through `map` (from the result's dimensions).
  unsigned addInput(mlir::Value tensor, mlir::AffineMap map);
  /// Adds `tensor` (same rank as the result) with TOSA broadcasting: its
  /// size-1 dimensions that the result does not have are read at 0.
  unsigned addBroadcastInput(mlir::Value tensor);
  /// Adds integers of `type`, one per index of result dimension `axis` (or a
  /// single value when `axis` is absent or all values are equal).
  unsigned addChannelInts(llvm::ArrayRef<int64_t> values,
                          mlir::IntegerType type, std::optional<int64_t> axis);
  /// Adds f64 values, one per index of result dimension `axis` (or one).
  unsigned addChannelF64(llvm::ArrayRef<double> values,
                         std::optional<int64_t> axis);

  /// Creates the linalg.generic; `body` returns the element to yield.
  mlir::Value
  build(llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                       llvm::ArrayRef<mlir::Value>)>
            body);

private:
  /// One body value: a block argument of the generic (an input) or a
  /// scalar constant created in the body.
  struct Entry {
    int inputIndex = -1;
    mlir::TypedAttr constant;
  };
  unsigned addChannelConstants(llvm::ArrayRef<mlir::Attribute> values,
                               mlir::Type elementType,
                               std::optional<int64_t> axis);

  mlir::OpBuilder &builder;
  mlir::Location loc;
  mlir::RankedTensorType resultType;
  llvm::SmallVector<mlir::Value> inputs;
  llvm::SmallVector<mlir::AffineMap> maps;
  llvm::SmallVector<Entry> entries;
};

/// Sign or zero extension of a stored integer of a quantized type with
/// parameters `params` held in its container type: zero extension only for
/// unsigned storage that fills its container (a wider container holds the
/// value already non-negative).
bool isSignedInContainer(const QuantParams &params, mlir::Type containerType);

/// A scalar stored integer (in its container type) widened to `type`.
mlir::Value extendStored(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value stored, const QuantParams &params,
                         mlir::Type type);

/// A tensor of stored integers converted elementwise to i32 minus
/// per-channel zero points along `axis` (or the single zero point), i.e. the
/// centered values `q - z` (in i32, exact for storage up to 31 bits; wider
/// storage wraps mod 2^32, which contractions tolerate).
mlir::Value createCenteredTensor(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value tensor, const QuantParams &params,
                                 std::optional<int64_t> axis,
                                 mlir::IntegerType type);

/// `tensor` converted elementwise to `type` with the extension rule of
/// extendStored (no zero point subtracted).
mlir::Value createExtendedTensor(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value tensor, const QuantParams &params,
                                 mlir::IntegerType type);

/// A zero-filled (or `value`-filled) tensor of `type`.
mlir::Value createFilledTensor(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::RankedTensorType type, int64_t value);

/// `tensor` padded on dimensions 1 and 2 (NHWC) by `pad` = [top, bottom,
/// left, right] with the integer `value`; returned unchanged when all pads
/// are 0.
mlir::Value createPaddedNHWC(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value tensor, llvm::ArrayRef<int64_t> pad,
                             int64_t value);

/// A tensor of `type` (i32 elements) whose element at index i is
/// `bias[i[axis]]`, or zeros when `bias` is null.
mlir::Value createBiasInit(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::RankedTensorType type, mlir::Value bias,
                           int64_t axis);

/// Narrows an i32 accumulator tensor to the converted result type (i16 for
/// i16 accumulators: wrapping once at the end equals wrapping after every
/// multiply-accumulate); returns `acc` when the types agree.
mlir::Value narrowAccumulator(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value acc, mlir::RankedTensorType type);

/// The quantization parameters of `value`'s type, or a match failure.
mlir::FailureOr<QuantParams> getParamsOrFail(mlir::Operation *op,
                                             mlir::Type type,
                                             mlir::PatternRewriter &rewriter);

/// The converted tensor type of `type`, or null.
mlir::RankedTensorType convertTensorType(const mlir::TypeConverter *converter,
                                         mlir::Type type);

/// Registration of each op family.
void populateQuantizePatterns(const mlir::TypeConverter &converter,
                              mlir::RewritePatternSet &patterns);
void populateContractionPatterns(const mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populateElementwisePatterns(const mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populatePoolingPatterns(const mlir::TypeConverter &converter,
                             mlir::RewritePatternSet &patterns);

} // namespace conversion
} // namespace hwq

#endif // HWQ_LIB_CONVERSION_HWQTOLINALG_LOWERINGUTILS_H
