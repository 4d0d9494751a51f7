//===- TargetDescriptionWriter.cpp - write target descriptions --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Prints a #hwq.target in the target description format
// (docs/TargetDescription.md), every key explicit, so that parsing the output
// gives the same attribute back.
//
//===----------------------------------------------------------------------===//

#include "hwq/Target/TargetDescription.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace hwq;

/// A double-quoted YAML string.
static std::string quoted(StringRef text) {
  return "\"" + llvm::yaml::escape(text) + "\"";
}

/// MB/s as GB/s in plain decimal, without trailing zeros: 12800 -> "12.8".
static std::string formatGbps(int64_t mbps) {
  std::string text = std::to_string(mbps / 1000);
  int64_t fraction = mbps % 1000;
  if (fraction == 0)
    return text;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 3 - digits.size(), '0');
  while (digits.back() == '0')
    digits.pop_back();
  return text + "." + digits;
}

void hwq::printTargetDescription(TargetAttr target, llvm::raw_ostream &os) {
  os << "name: " << quoted(target.getName()) << "\n";
  os << "triple: " << quoted(target.getTriple()) << "\n";
  os << "cpu: " << quoted(target.getCpu()) << "\n";
  SmallVector<StringRef> features;
  if (!target.getFeatures().empty())
    target.getFeatures().split(features, ',');
  os << "features: [";
  llvm::interleaveComma(features, os,
                        [&](StringRef feature) { os << quoted(feature); });
  os << "]\n";

  SchemeAttr scheme = target.getScheme();
  auto flag = [](BoolAttr attr) { return attr.getValue() ? "true" : "false"; };
  os << "scheme:\n"
     << "  symmetric_weights: " << flag(scheme.getSymmetricWeights()) << "\n"
     << "  symmetric_activations: " << flag(scheme.getSymmetricActivations())
     << "\n"
     << "  narrow_range_weights: " << flag(scheme.getNarrowRangeWeights())
     << "\n"
     << "  power_of_two_scales: " << flag(scheme.getPowerOfTwoScales()) << "\n"
     << "  accumulator_bits: " << scheme.getAccumulatorBits() << "\n"
     << "  overflow: " << stringifyOverflowMode(scheme.getOverflow().getValue())
     << "\n"
     << "  add_scales: "
     << stringifyScaleSharing(scheme.getAddScales().getValue()) << "\n"
     << "  concat_scales: "
     << stringifyScaleSharing(scheme.getConcatScales().getValue()) << "\n"
     << "  rounding: " << stringifyRoundingMode(scheme.getRounding().getValue())
     << "\n";

  CostModelAttr cost = target.getCost();
  os << "cost:\n"
     << "  clock_mhz: " << cost.getClockMhz() << "\n"
     << "  memory_bandwidth_gbps: " << formatGbps(cost.getMemoryBandwidthMbps())
     << "\n"
     << "  cores: " << cost.getCores() << "\n";

  os << "ops:\n";
  for (OpRuleAttr rule : target.getOpRules()) {
    os << "  " << rule.getOp() << ":\n";
    os << "    per_channel: " << flag(rule.getPerChannel()) << "\n";
    os << "    alternatives:\n";
    for (DTypeConfigAttr alt : rule.getConfigs()) {
      os << "      - {input: " << getDTypeSpelling(alt.getInput());
      if (!isa<NoneType>(alt.getWeight()))
        os << ", weight: " << getDTypeSpelling(alt.getWeight());
      // A weight-less alternative whose accumulator is its input type reads
      // back from the default; written out, a wide one (s64 input) would be
      // checked against accumulator_bits and rejected.
      if (!isa<NoneType>(alt.getWeight()) ||
          alt.getAccumulator() != alt.getInput())
        os << ", accumulator: " << getDTypeSpelling(alt.getAccumulator());
      os << ", output: " << getDTypeSpelling(alt.getOutput())
         << ", macs_per_cycle: " << alt.getMacsPerCycle() << "}\n";
    }
  }
}
