//===- HwqToLinalg.h - realized hwq ops to linalg ---------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Lowering of the realized integer hwq ops (on !quant.uniform tensors) to
// linalg/tensor/arith on signless integers, exact as docs/Numerics.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CONVERSION_HWQTOLINALG_HWQTOLINALG_H
#define HWQ_CONVERSION_HWQTOLINALG_HWQTOLINALG_H

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace hwq {

/// The signless integer type that carries the integers of a quantized type
/// in memory: the container of the runtime tensor that holds them
/// (hwq::runtime::ElementKind). Up to 8 storage bits: i8 (signed or not);
/// signed up to 16: i16; unsigned up to 16 or signed up to 32: i32;
/// unsigned up to 32 or signed up to 64: i64. Values of unsigned storage in
/// a wider container are stored zero-extended (non-negative).
mlir::IntegerType getStorageContainerType(mlir::quant::QuantizedType type);

/// Converts `!quant.uniform` element types (per-tensor and per-axis), and
/// tensors of them, to their storage container (getStorageContainerType);
/// leaves every other type unchanged.
class QuantStorageTypeConverter : public mlir::TypeConverter {
public:
  QuantStorageTypeConverter();
};

/// Adds the patterns that rewrite the realized hwq ops (quantize,
/// dequantize, conv2d, depthwise_conv2d, fully_connected, matmul,
/// requantize, add, mul, avg_pool2d, max_pool2d, concat) and `quant.scast`
/// into linalg/tensor/arith ops on the converted types, and retypes data
/// movement ops on quantized tensors (TOSA reshape, transpose, slice, concat,
/// identity, tile, reverse; tensor reshapes, slices, concat, empty, cast)
/// and constants of quantized type (`tosa.const` holding stored integers).
void populateHwqToLinalgConversionPatterns(
    const mlir::TypeConverter &typeConverter,
    mlir::RewritePatternSet &patterns);

} // namespace hwq

#endif // HWQ_CONVERSION_HWQTOLINALG_HWQTOLINALG_H
