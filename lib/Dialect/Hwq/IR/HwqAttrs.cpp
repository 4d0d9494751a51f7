//===- HwqAttrs.cpp - hwq target description attributes --------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace hwq;

#include "hwq/Dialect/Hwq/IR/HwqEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "hwq/Dialect/Hwq/IR/HwqAttrs.cpp.inc"

void HwqDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "hwq/Dialect/Hwq/IR/HwqAttrs.cpp.inc"
      >();
}

/// A dtype inside a target is a float, or an integer with explicit signedness.
static bool isValidTargetDType(Type type) {
  if (isa<FloatType>(type))
    return true;
  auto intType = dyn_cast<IntegerType>(type);
  return intType && !intType.isSignless() && intType.getWidth() >= 1 &&
         intType.getWidth() <= 64;
}

LogicalResult
DTypeConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                        Type input, Type weight, Type accumulator, Type output,
                        int64_t macsPerCycle) {
  for (auto [name, type] : {std::pair<StringRef, Type>{"input", input},
                            {"accumulator", accumulator},
                            {"output", output}}) {
    if (!isValidTargetDType(type))
      return emitError() << name << " type must be a float or a signed (si) "
                         << "or unsigned (ui) integer, got " << type;
  }
  if (!isa<NoneType>(weight) && !isValidTargetDType(weight))
    return emitError() << "weight type must be none, a float or a signed (si) "
                       << "or unsigned (ui) integer, got " << weight;
  if (macsPerCycle <= 0)
    return emitError() << "macs_per_cycle must be positive, got "
                       << macsPerCycle;
  return success();
}

bool DTypeConfigAttr::isInteger() const {
  auto isInt = [](Type t) { return isa<IntegerType>(t); };
  return isInt(getInput()) && isInt(getOutput()) &&
         (isa<NoneType>(getWeight()) || isInt(getWeight()));
}

LogicalResult OpRuleAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef op, BoolAttr perChannel,
                                 ArrayAttr alternatives) {
  if (!isKnownOpKind(op))
    return emitError() << "unknown operator kind '" << op << "'";
  if (!perChannel)
    return emitError() << "per_channel must be set";
  if (!alternatives || alternatives.empty())
    return emitError() << "operator '" << op
                       << "' needs at least one alternative";
  for (Attribute alt : alternatives)
    if (!isa<DTypeConfigAttr>(alt))
      return emitError() << "alternatives of '" << op
                         << "' must be #hwq.dtype_config, got " << alt;
  return success();
}

LogicalResult SchemeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 BoolAttr symmetricWeights,
                                 BoolAttr symmetricActivations,
                                 BoolAttr narrowRangeWeights,
                                 BoolAttr powerOfTwoScales,
                                 int64_t accumulatorBits, OverflowModeAttr,
                                 ScaleSharingAttr, ScaleSharingAttr,
                                 RoundingModeAttr) {
  if (!symmetricWeights || !symmetricActivations || !narrowRangeWeights ||
      !powerOfTwoScales)
    return emitError() << "scheme flags must all be set";
  if (accumulatorBits < 8 || accumulatorBits > 64)
    return emitError() << "accumulator_bits must be in [8, 64], got "
                       << accumulatorBits;
  return success();
}

LogicalResult
CostModelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t clockMhz, int64_t bandwidth, int64_t cores) {
  if (clockMhz <= 0 || bandwidth <= 0 || cores <= 0)
    return emitError() << "clock_mhz, memory_bandwidth_mbps and cores must be "
                       << "positive";
  return success();
}

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, StringRef triple,
                                 StringRef cpu, StringRef features,
                                 SchemeAttr scheme, CostModelAttr cost,
                                 ArrayAttr ops) {
  if (name.empty())
    return emitError() << "target name must not be empty";
  if (!scheme || !cost)
    return emitError() << "target needs a scheme and a cost model";
  if (!ops)
    return emitError() << "target needs an operator list";
  llvm::StringSet<> seen;
  for (Attribute attr : ops) {
    auto rule = dyn_cast<OpRuleAttr>(attr);
    if (!rule)
      return emitError() << "ops must be #hwq.op_rule, got " << attr;
    if (!seen.insert(rule.getOp()).second)
      return emitError() << "operator '" << rule.getOp()
                         << "' is described twice";
  }
  return success();
}

OpRuleAttr TargetAttr::lookupOp(StringRef kind) const {
  for (OpRuleAttr rule : getOpRules())
    if (rule.getOp() == kind)
      return rule;
  return {};
}

TargetAttr TargetAttr::lookup(Operation *op) {
  for (Operation *cur = op; cur; cur = cur->getParentOp())
    if (auto module = dyn_cast<ModuleOp>(cur))
      if (auto target = module->getAttrOfType<TargetAttr>(
              HwqDialect::getTargetAttrName()))
        return target;
  return {};
}
