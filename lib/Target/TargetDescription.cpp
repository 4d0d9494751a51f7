//===- TargetDescription.cpp - target description files ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The schema of target description files (docs/TargetDescription.md): which
// keys exist, their types and defaults, and how they map onto #hwq.target,
// #hwq.scheme, #hwq.cost_model, #hwq.op_rule and #hwq.dtype_config. The
// generic YAML reading lives in YamlReader.
//
//===----------------------------------------------------------------------===//

#include "hwq/Target/TargetDescription.h"

#include "YamlReader.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cmath>

using namespace mlir;
using namespace hwq;
using hwq::detail::YamlField;
using hwq::detail::YamlReader;
using llvm::SMLoc;
namespace yaml = llvm::yaml;

//===----------------------------------------------------------------------===//
// Data type spellings
//===----------------------------------------------------------------------===//

/// Widest integer a target may name.
static constexpr unsigned kMaxIntegerWidth = 64;

llvm::Expected<Type> hwq::parseDTypeSpelling(StringRef spelling,
                                             MLIRContext *context,
                                             bool allowNone) {
  auto error = [&](const Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  if (spelling == "none") {
    if (allowNone)
      return NoneType::get(context);
    return error("data type 'none' is only allowed as the weight of an "
                 "operator without weights");
  }
  if (spelling == "f16")
    return Float16Type::get(context);
  if (spelling == "bf16")
    return BFloat16Type::get(context);
  if (spelling == "f32")
    return Float32Type::get(context);
  if (spelling == "f64")
    return Float64Type::get(context);
  if (spelling.size() >= 2 && (spelling[0] == 's' || spelling[0] == 'u') &&
      (llvm::isDigit(spelling[1]) || spelling[1] == '-' ||
       spelling[1] == '+')) {
    bool isSigned = spelling[0] == 's';
    int64_t width;
    if (spelling.drop_front().getAsInteger(10, width))
      return error("invalid data type '" + spelling +
                   "': the bit width must be a decimal integer");
    if (width <= 0)
      return error("invalid data type '" + spelling +
                   "': the bit width must be positive");
    if (width > kMaxIntegerWidth)
      return error("invalid data type '" + spelling +
                   "': integers may have at most " + Twine(kMaxIntegerWidth) +
                   " bits");
    if (isSigned && width < 2)
      return error("invalid data type '" + spelling +
                   "': signed integers need at least 2 bits");
    return IntegerType::get(
        context, width, isSigned ? IntegerType::Signed : IntegerType::Unsigned);
  }
  std::string hint;
  if (spelling.size() >= 2 &&
      (spelling.starts_with("i") || spelling.starts_with("si") ||
       spelling.starts_with("ui") || spelling.starts_with("int") ||
       spelling.starts_with("uint")))
    hint = " (integers are spelled s<bits> or u<bits>, e.g. s8, u8)";
  return error("unknown data type '" + spelling + "'" + hint +
               "; expected s<bits>, u<bits>, f16, bf16, f32 or f64");
}

std::string hwq::getDTypeSpelling(Type type) {
  if (isa<NoneType>(type))
    return "none";
  if (type.isF16())
    return "f16";
  if (type.isBF16())
    return "bf16";
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (auto intType = dyn_cast<IntegerType>(type)) {
    if (intType.isSigned())
      return "s" + std::to_string(intType.getWidth());
    if (intType.isUnsigned())
      return "u" + std::to_string(intType.getWidth());
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

//===----------------------------------------------------------------------===//
// The schema
//===----------------------------------------------------------------------===//

namespace {

// Keys of every mapping in the format, in documentation order.
const StringRef kTopLevelKeys[] = {"name",     "description", "triple", "cpu",
                                   "features", "scheme",      "cost",   "ops"};
const StringRef kSchemeKeys[] = {
    "symmetric_weights",   "symmetric_activations", "narrow_range_weights",
    "power_of_two_scales", "accumulator_bits",      "overflow",
    "add_scales",          "concat_scales",         "rounding"};
const StringRef kCostKeys[] = {"clock_mhz", "memory_bandwidth_gbps", "cores"};
const StringRef kOpRuleKeys[] = {"per_channel", "alternatives"};
const StringRef kAlternativeKeys[] = {"input", "weight", "accumulator",
                                      "output", "macs_per_cycle"};

// Enum spellings, in the order of the C++ enums' values.
const StringRef kOverflowNames[] = {"wrap", "saturate"};
const StringRef kScaleSharingNames[] = {"shared", "requantize"};
const StringRef kRoundingNames[] = {"half_to_even", "half_away_from_zero",
                                    "half_up"};

/// Builds a #hwq.target from the root of a YAML document, one section at a
/// time. Every section method reports its own errors through the reader.
class TargetBuilder {
public:
  TargetBuilder(YamlReader &reader, MLIRContext *context)
      : reader(reader), context(context) {}

  FailureOr<TargetAttr> build(yaml::Node *root);

private:
  LogicalResult parseTopLevelKey(const YamlField &field);
  LogicalResult parseFeatures(const YamlField &field);
  LogicalResult parseScheme(const YamlField &field);
  LogicalResult parseCost(const YamlField &field);
  LogicalResult parseOps(const YamlField &field);
  FailureOr<OpRuleAttr> parseOpRule(StringRef op, const YamlField &field);
  LogicalResult parseAlternatives(StringRef op, const YamlField &field,
                                  SmallVectorImpl<Attribute> &alternatives);
  FailureOr<DTypeConfigAttr> parseAlternative(StringRef op,
                                              const YamlField &field);
  FailureOr<Type> parseDType(const YamlField &field, bool allowNone);
  /// Cross-section checks that need the whole file.
  LogicalResult checkAccumulators();

  YamlReader &reader;
  MLIRContext *context;

  // Identity.
  std::optional<std::string> name, triple;
  std::string cpu = "generic";
  std::string features;

  // Scheme, with the documented defaults.
  bool symmetricWeights = true;
  bool symmetricActivations = false;
  bool narrowRangeWeights = false;
  bool powerOfTwoScales = false;
  int64_t accumulatorBits = 32;
  SMLoc accumulatorBitsLoc;
  OverflowMode overflow = OverflowMode::Wrap;
  ScaleSharing addScales = ScaleSharing::Requantize;
  ScaleSharing concatScales = ScaleSharing::Requantize;
  RoundingMode rounding = RoundingMode::HalfToEven;

  // Cost model.
  bool hasCost = false;
  int64_t clockMhz = 0;
  int64_t bandwidthMbps = 0;
  int64_t cores = 1;

  // Operators.
  bool hasOps = false;
  SmallVector<Attribute> ops;
  /// Integer accumulator types named by alternatives, with their locations.
  SmallVector<std::pair<IntegerType, SMLoc>> accumulators;
};

} // namespace

FailureOr<TargetAttr> TargetBuilder::build(yaml::Node *root) {
  YamlField rootField{"", SMLoc(), root};
  if (failed(reader.forEachKey(
          rootField, "the target description", kTopLevelKeys,
          [&](const YamlField &field) { return parseTopLevelKey(field); })))
    return failure();

  SMLoc rootLoc = reader.getStart(rootField);
  const char *what = "the target description";
  if (failed(reader.require(name.has_value(), rootLoc, "name", what)) ||
      failed(reader.require(triple.has_value(), rootLoc, "triple", what)) ||
      failed(reader.require(hasCost, rootLoc, "cost", what)) ||
      failed(reader.require(hasOps, rootLoc, "ops", what)))
    return failure();
  if (failed(checkAccumulators()))
    return failure();

  auto emitAtRoot = [&] { return emitError(reader.getLoc(rootLoc)); };
  Builder builder(context);
  auto scheme = SchemeAttr::getChecked(
      emitAtRoot, context, builder.getBoolAttr(symmetricWeights),
      builder.getBoolAttr(symmetricActivations),
      builder.getBoolAttr(narrowRangeWeights),
      builder.getBoolAttr(powerOfTwoScales), accumulatorBits,
      OverflowModeAttr::get(context, overflow),
      ScaleSharingAttr::get(context, addScales),
      ScaleSharingAttr::get(context, concatScales),
      RoundingModeAttr::get(context, rounding));
  if (!scheme)
    return failure();
  auto cost = CostModelAttr::getChecked(emitAtRoot, context, clockMhz,
                                        bandwidthMbps, cores);
  if (!cost)
    return failure();
  auto target = TargetAttr::getChecked(
      emitAtRoot, context, StringRef(*name), StringRef(*triple), StringRef(cpu),
      StringRef(features), scheme, cost, builder.getArrayAttr(ops));
  if (!target)
    return failure();
  return target;
}

LogicalResult TargetBuilder::parseTopLevelKey(const YamlField &field) {
  StringRef key = field.key;
  if (key == "name" || key == "triple" || key == "cpu" ||
      key == "description") {
    FailureOr<std::string> text = reader.readString(field);
    if (failed(text))
      return failure();
    if (key == "description")
      return success(); // Free text for people; not kept in the IR.
    if (text->empty() || llvm::all_of(*text, llvm::isSpace))
      return reader.fail(field, "'" + key + "' must not be empty");
    if (key == "name")
      name = *text;
    else if (key == "triple")
      triple = *text;
    else
      cpu = *text;
    return success();
  }
  if (key == "features")
    return parseFeatures(field);
  if (key == "scheme")
    return parseScheme(field);
  if (key == "cost")
    return parseCost(field);
  return parseOps(field);
}

LogicalResult TargetBuilder::parseFeatures(const YamlField &field) {
  SmallVector<std::string> list;
  if (failed(reader.forEachElement(field, [&](const YamlField &element) {
        FailureOr<std::string> feature = reader.readString(element);
        if (failed(feature))
          return failure();
        StringRef text = *feature;
        if (text.size() < 2 || (text[0] != '+' && text[0] != '-') ||
            text.contains(',') || llvm::any_of(text, llvm::isSpace))
          return reader.fail(element, "feature '" + text +
                                          "' must be '+name' or '-name' "
                                          "without commas or spaces");
        list.push_back(*feature);
        return success();
      })))
    return failure();
  features = llvm::join(list, ",");
  return success();
}

LogicalResult TargetBuilder::parseScheme(const YamlField &field) {
  return reader.forEachKey(
      field, "scheme", kSchemeKeys, [&](const YamlField &entry) {
        StringRef key = entry.key;
        auto readFlag = [&](bool &flag) {
          FailureOr<bool> value = reader.readBool(entry);
          if (failed(value))
            return failure();
          flag = *value;
          return success();
        };
        if (key == "symmetric_weights")
          return readFlag(symmetricWeights);
        if (key == "symmetric_activations")
          return readFlag(symmetricActivations);
        if (key == "narrow_range_weights")
          return readFlag(narrowRangeWeights);
        if (key == "power_of_two_scales")
          return readFlag(powerOfTwoScales);
        if (key == "accumulator_bits") {
          FailureOr<int64_t> bits = reader.readPositiveInt(entry);
          if (failed(bits))
            return failure();
          if (*bits < 8 || *bits > 64)
            return reader.fail(entry, "'accumulator_bits' must be between 8 "
                                      "and 64, got " +
                                          Twine(*bits));
          accumulatorBits = *bits;
          accumulatorBitsLoc = reader.getStart(entry);
          return success();
        }
        auto readEnum = [&](ArrayRef<StringRef> names, auto &out) {
          FailureOr<unsigned> index = reader.readChoice(entry, names);
          if (failed(index))
            return failure();
          out = static_cast<std::remove_reference_t<decltype(out)>>(*index);
          return success();
        };
        if (key == "overflow")
          return readEnum(kOverflowNames, overflow);
        if (key == "add_scales")
          return readEnum(kScaleSharingNames, addScales);
        if (key == "concat_scales")
          return readEnum(kScaleSharingNames, concatScales);
        return readEnum(kRoundingNames, rounding);
      });
}

LogicalResult TargetBuilder::parseCost(const YamlField &field) {
  bool hasClock = false, hasBandwidth = false;
  if (failed(reader.forEachKey(
          field, "cost", kCostKeys, [&](const YamlField &entry) {
            if (entry.key == "memory_bandwidth_gbps") {
              FailureOr<double> gbps = reader.readPositiveNumber(entry);
              if (failed(gbps))
                return failure();
              // Stored as an integer in MB/s (1 GB/s = 1000 MB/s).
              double mbps = std::round(*gbps * 1000.0);
              if (mbps < 1.0 || mbps > 1e15)
                return reader.fail(entry, "'memory_bandwidth_gbps' must be "
                                          "between 0.001 and 1e12");
              bandwidthMbps = static_cast<int64_t>(mbps);
              hasBandwidth = true;
              return success();
            }
            FailureOr<int64_t> value = reader.readPositiveInt(entry);
            if (failed(value))
              return failure();
            if (entry.key == "clock_mhz") {
              clockMhz = *value;
              hasClock = true;
            } else {
              cores = *value;
            }
            return success();
          })))
    return failure();
  hasCost = true;
  if (failed(reader.require(hasClock, field.keyLoc, "clock_mhz", "cost")) ||
      failed(reader.require(hasBandwidth, field.keyLoc, "memory_bandwidth_gbps",
                            "cost")))
    return failure();
  return success();
}

LogicalResult TargetBuilder::parseOps(const YamlField &field) {
  hasOps = true;
  if (failed(reader.forEachKey(
          field, "ops", /*allowedKeys=*/{}, [&](const YamlField &entry) {
            if (!isKnownOpKind(entry.key))
              return reader.fail(entry.keyLoc,
                                 "unknown operator kind '" + entry.key +
                                     "'; expected one of " +
                                     llvm::join(getKnownOpKinds(), ", "));
            FailureOr<OpRuleAttr> rule = parseOpRule(entry.key, entry);
            if (failed(rule))
              return failure();
            ops.push_back(*rule);
            return success();
          })))
    return failure();
  if (ops.empty())
    return reader.fail(field.keyLoc, "'ops' must describe at least one "
                                     "operator");
  return success();
}

FailureOr<OpRuleAttr> TargetBuilder::parseOpRule(StringRef op,
                                                 const YamlField &field) {
  bool perChannel = false;
  bool hasAlternatives = false;
  SmallVector<Attribute> alternatives;
  std::string what = ("operator '" + op + "'").str();
  auto parseKey = [&](const YamlField &entry) -> LogicalResult {
    if (entry.key == "alternatives") {
      hasAlternatives = true;
      return parseAlternatives(op, entry, alternatives);
    }
    FailureOr<bool> value = reader.readBool(entry);
    if (failed(value))
      return failure();
    if (*value && !opKindHasWeights(op))
      return reader.fail(entry, "'per_channel' applies only to operators "
                                "with weights (conv2d, depthwise_conv2d, "
                                "matmul), not '" +
                                    op + "'");
    perChannel = *value;
    return success();
  };
  if (failed(reader.forEachKey(field, what, kOpRuleKeys, parseKey)) ||
      failed(
          reader.require(hasAlternatives, field.keyLoc, "alternatives", what)))
    return failure();
  SMLoc loc = field.keyLoc;
  return OpRuleAttr::getChecked([&] { return emitError(reader.getLoc(loc)); },
                                context, op, BoolAttr::get(context, perChannel),
                                ArrayAttr::get(context, alternatives));
}

LogicalResult
TargetBuilder::parseAlternatives(StringRef op, const YamlField &field,
                                 SmallVectorImpl<Attribute> &alternatives) {
  if (failed(reader.forEachElement(field, [&](const YamlField &element) {
        FailureOr<DTypeConfigAttr> alt = parseAlternative(op, element);
        if (failed(alt))
          return failure();
        if (llvm::is_contained(alternatives, *alt))
          return reader.fail(
              element, "alternative repeats an earlier one of '" + op + "'");
        alternatives.push_back(*alt);
        return success();
      })))
    return failure();
  if (alternatives.empty())
    return reader.fail(field,
                       "'alternatives' of '" + op + "' must not be empty");
  return success();
}

FailureOr<Type> TargetBuilder::parseDType(const YamlField &field,
                                          bool allowNone) {
  FailureOr<std::string> text = reader.readString(field);
  if (failed(text))
    return failure();
  llvm::Expected<Type> type = parseDTypeSpelling(*text, context, allowNone);
  if (!type)
    return reader.fail(field, llvm::toString(type.takeError()));
  return *type;
}

FailureOr<DTypeConfigAttr>
TargetBuilder::parseAlternative(StringRef op, const YamlField &field) {
  Type input, weight, accumulator, output;
  int64_t macsPerCycle = 1;
  bool hasWeights = opKindHasWeights(op);
  if (failed(reader.forEachKey(
          field, "an alternative of '" + op.str() + "'", kAlternativeKeys,
          [&](const YamlField &entry) {
            if (entry.key == "macs_per_cycle") {
              FailureOr<int64_t> macs = reader.readPositiveInt(entry);
              if (failed(macs))
                return failure();
              macsPerCycle = *macs;
              return success();
            }
            bool isWeight = entry.key == "weight";
            FailureOr<Type> type =
                parseDType(entry, /*allowNone=*/isWeight && !hasWeights);
            if (failed(type))
              return failure();
            if (isWeight && !hasWeights && !isa<NoneType>(*type))
              return reader.fail(entry, "operator '" + op +
                                            "' has no weights; remove "
                                            "'weight' or write 'none'");
            if (entry.key == "accumulator")
              if (auto intType = dyn_cast<IntegerType>(*type))
                accumulators.push_back({intType, reader.getStart(entry)});
            Type *slot = llvm::StringSwitch<Type *>(entry.key)
                             .Case("input", &input)
                             .Case("weight", &weight)
                             .Case("accumulator", &accumulator)
                             .Default(&output);
            *slot = *type;
            return success();
          })))
    return failure();

  SMLoc loc = reader.getStart(field);
  std::string what = "an alternative of '" + op.str() + "'";
  if (failed(reader.require(bool(input), loc, "input", what)) ||
      failed(reader.require(bool(output), loc, "output", what)) ||
      failed(
          reader.require(bool(weight) || !hasWeights, loc, "weight", what)) ||
      failed(reader.require(bool(accumulator) || !hasWeights, loc,
                            "accumulator", what)))
    return failure();
  // Defaults (weight-less operators only): no weights, and the accumulator
  // is the input type.
  if (!weight)
    weight = NoneType::get(context);
  if (!accumulator)
    accumulator = input;
  auto alt = DTypeConfigAttr::getChecked(
      [&] { return emitError(reader.getLoc(loc)); }, context, input, weight,
      accumulator, output, macsPerCycle);
  if (!alt)
    return failure();
  return alt;
}

LogicalResult TargetBuilder::checkAccumulators() {
  for (auto [type, loc] : accumulators)
    if (type.getWidth() > accumulatorBits)
      return reader.fail(loc,
                         "accumulator " + getDTypeSpelling(type) +
                             " is wider than the scheme's "
                             "accumulator_bits (" +
                             Twine(accumulatorBits) + ")",
                         accumulatorBitsLoc, "accumulator_bits set here");
  return success();
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

FailureOr<TargetAttr> hwq::parseTargetDescription(llvm::SourceMgr &sourceMgr,
                                                  MLIRContext *context) {
  context->getOrLoadDialect<HwqDialect>();
  YamlReader reader(sourceMgr, context);
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  if (failed(reader.checkEncoding(buffer->getMemBufferRef())))
    return failure();
  if (buffer->getBuffer().trim().empty())
    return reader.fail(SMLoc::getFromPointer(buffer->getBufferStart()),
                       "target description is empty");

  // Syntax first: the schema walk below reads lazily and could otherwise
  // report a schema error for a node that the YAML parser would reject.
  {
    yaml::Stream syntaxCheck(buffer->getMemBufferRef(), sourceMgr,
                             /*ShowColors=*/false);
    syntaxCheck.skip();
    if (reader.hadError())
      return failure();
  }

  yaml::Stream stream(buffer->getMemBufferRef(), sourceMgr,
                      /*ShowColors=*/false);
  yaml::document_iterator document = stream.begin();
  if (reader.hadError())
    return failure();
  yaml::Node *root = document != stream.end() ? document->getRoot() : nullptr;
  if (reader.hadError())
    return failure();
  if (!root || isa<yaml::NullNode>(root))
    return reader.fail(SMLoc::getFromPointer(buffer->getBufferStart()),
                       "target description is empty (only comments)");

  TargetBuilder builder(reader, context);
  FailureOr<TargetAttr> target = builder.build(root);
  if (failed(target))
    return failure();
  // Further documents must be empty (a trailing `---`); reading them also
  // surfaces YAML errors after the first document.
  for (++document; document != stream.end() && !reader.hadError(); ++document) {
    yaml::Node *extra = document->getRoot();
    if (extra && !isa<yaml::NullNode>(extra))
      return reader.fail(extra->getSourceRange().Start,
                         "a target description holds a single YAML "
                         "document");
  }
  if (reader.hadError())
    return failure();
  return target;
}

FailureOr<TargetAttr> hwq::parseTargetDescription(StringRef text,
                                                  StringRef bufferName,
                                                  MLIRContext *context) {
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, bufferName), SMLoc());
  return parseTargetDescription(sourceMgr, context);
}

FailureOr<TargetAttr> hwq::parseTargetDescriptionFile(StringRef path,
                                                      MLIRContext *context) {
  auto bufferOr = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (std::error_code ec = bufferOr.getError())
    return emitError(FileLineColLoc::get(context, path, 0, 0))
           << "cannot open target description '" << path
           << "': " << ec.message();
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*bufferOr), SMLoc());
  return parseTargetDescription(sourceMgr, context);
}
