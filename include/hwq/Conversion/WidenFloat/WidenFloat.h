//===- WidenFloat.h - compute float values in f64 ---------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Type conversion of the float values inside function bodies to f64, so
// that compiled graphs follow the reference evaluator's precision rule.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CONVERSION_WIDENFLOAT_WIDENFLOAT_H
#define HWQ_CONVERSION_WIDENFLOAT_WIDENFLOAT_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace hwq {

/// Converts float types narrower than f64 (and shaped types of them) to
/// f64; materializes with arith.extf / arith.truncf.
class WidenFloatTypeConverter : public mlir::TypeConverter {
public:
  WidenFloatTypeConverter();
};

/// Adds the patterns of hwq-widen-float: a generic pattern that rebuilds any
/// op (regions included) on converted types, plus the special cases
/// (constants, extf/truncf, hwq.sim_quantize parameters).
void populateWidenFloatPatterns(const mlir::TypeConverter &typeConverter,
                                mlir::RewritePatternSet &patterns);

/// Configures `target` for hwq-widen-float: an op is legal when its
/// operands, results and block arguments have legal types; func.func and
/// func.return stay as they are (the signature is not widened); constants
/// whose value cannot be converted stay (they are extended at their uses).
void configureWidenFloatTarget(mlir::ConversionTarget &target,
                               const mlir::TypeConverter &typeConverter);

} // namespace hwq

#endif // HWQ_CONVERSION_WIDENFLOAT_WIDENFLOAT_H
