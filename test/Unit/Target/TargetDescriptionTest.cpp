//===- TargetDescriptionTest.cpp - target description files -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Target/TargetDescription.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/OpKinds.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using namespace hwq;

namespace {

/// One reported diagnostic, flattened.
struct Reported {
  DiagnosticSeverity severity;
  std::string file;
  unsigned line = 0, column = 0;
  std::string message;
  std::vector<std::string> notes;
};

/// Parses target descriptions from memory and records what they report.
class TargetDescriptionTest : public ::testing::Test {
protected:
  TargetDescriptionTest()
      : handler(&context, [this](Diagnostic &diag) {
          Reported r{diag.getSeverity(), "", 0, 0, diag.str(), {}};
          if (auto loc = dyn_cast<FileLineColLoc>(diag.getLocation())) {
            r.file = loc.getFilename().str();
            r.line = loc.getLine();
            r.column = loc.getColumn();
          }
          for (Diagnostic &note : diag.getNotes())
            r.notes.push_back(note.str());
          reported.push_back(r);
          return success();
        }) {}

  FailureOr<TargetAttr> parse(StringRef text, StringRef name = "t.yaml") {
    reported.clear();
    return parseTargetDescription(text, name, &context);
  }

  /// Expects `text` to fail with exactly one error at line:col whose message
  /// contains `substring`.
  void expectError(StringRef text, unsigned line, unsigned column,
                   StringRef substring) {
    SCOPED_TRACE(text.str());
    EXPECT_TRUE(failed(parse(text)));
    ASSERT_EQ(reported.size(), 1u);
    EXPECT_EQ(reported[0].severity, DiagnosticSeverity::Error);
    EXPECT_EQ(reported[0].file, "t.yaml");
    EXPECT_EQ(reported[0].line, line);
    EXPECT_EQ(reported[0].column, column);
    EXPECT_NE(reported[0].message.find(substring.str()), std::string::npos)
        << reported[0].message;
  }

  MLIRContext context;
  std::vector<Reported> reported;
  ScopedDiagnosticHandler handler;
};

/// The smallest valid description; tests append to it.
constexpr const char *kHeader = "name: tiny\n"
                                "triple: x86_64-unknown-linux-gnu\n"
                                "cost: {clock_mhz: 1000, "
                                "memory_bandwidth_gbps: 12.8}\n";

std::string withOps(StringRef ops) {
  return std::string(kHeader) + "ops:\n" + ops.str();
}

/// The shipped targets folder, from the HWQ_SOURCE_DIR lit sets.
std::string targetsDir() {
  const char *root = std::getenv("HWQ_SOURCE_DIR");
  if (!root)
    return "";
  llvm::SmallString<256> path(root);
  llvm::sys::path::append(path, "targets");
  return std::string(path);
}

std::vector<std::string> shippedTargetFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(targetsDir(), ec), end;
       it != end && !ec; it.increment(ec)) {
    StringRef ext = llvm::sys::path::extension(it->path());
    if (ext == ".yaml" || ext == ".json")
      files.push_back(it->path());
  }
  llvm::sort(files);
  return files;
}

TEST_F(TargetDescriptionTest, MinimalFileGetsDocumentedDefaults) {
  FailureOr<TargetAttr> target = parse(withOps(
      "  add:\n    alternatives: [{input: s8, output: s8}]\n"
      "  matmul:\n    alternatives:\n"
      "      - {input: u8, weight: s8, accumulator: s32, output: u8}\n"));
  ASSERT_TRUE(succeeded(target));
  EXPECT_TRUE(reported.empty());
  EXPECT_EQ(target->getName(), "tiny");
  EXPECT_EQ(target->getCpu(), "generic");
  EXPECT_EQ(target->getFeatures(), "");
  SchemeAttr scheme = target->getScheme();
  EXPECT_TRUE(scheme.getSymmetricWeights().getValue());
  EXPECT_FALSE(scheme.getSymmetricActivations().getValue());
  EXPECT_FALSE(scheme.getNarrowRangeWeights().getValue());
  EXPECT_FALSE(scheme.getPowerOfTwoScales().getValue());
  EXPECT_EQ(scheme.getAccumulatorBits(), 32);
  EXPECT_EQ(scheme.getOverflow().getValue(), OverflowMode::Wrap);
  EXPECT_EQ(scheme.getAddScales().getValue(), ScaleSharing::Requantize);
  EXPECT_EQ(scheme.getConcatScales().getValue(), ScaleSharing::Requantize);
  EXPECT_EQ(scheme.getRounding().getValue(), RoundingMode::HalfToEven);
  EXPECT_EQ(target->getCost().getClockMhz(), 1000);
  EXPECT_EQ(target->getCost().getMemoryBandwidthMbps(), 12800);
  EXPECT_EQ(target->getCost().getCores(), 1);

  OpRuleAttr add = target->lookupOp("add");
  ASSERT_TRUE(add);
  EXPECT_FALSE(add.getPerChannel().getValue());
  auto addAlt = cast<DTypeConfigAttr>(add.getAlternatives()[0]);
  EXPECT_TRUE(isa<NoneType>(addAlt.getWeight()));
  EXPECT_EQ(addAlt.getAccumulator(), addAlt.getInput()); // defaults to input
  EXPECT_EQ(addAlt.getMacsPerCycle(), 1);
  EXPECT_TRUE(addAlt.getInput().isSignedInteger(8));

  OpRuleAttr matmul = target->lookupOp("matmul");
  ASSERT_TRUE(matmul);
  auto mmAlt = cast<DTypeConfigAttr>(matmul.getAlternatives()[0]);
  EXPECT_TRUE(mmAlt.getInput().isUnsignedInteger(8));
  EXPECT_TRUE(mmAlt.getWeight().isSignedInteger(8));
  EXPECT_TRUE(mmAlt.getAccumulator().isSignedInteger(32));
  EXPECT_FALSE(target->lookupOp("conv2d"));
}

TEST_F(TargetDescriptionTest, FullFileKeepsOrderAndValues) {
  FailureOr<TargetAttr> target = parse(R"(
name: full
description: |
  Free text, not kept in the IR. UTF-8 is fine: café, 8×8.
triple: aarch64-unknown-linux-gnu
cpu: cortex-a76
features: [+neon, "+dotprod", -sve]
scheme:
  symmetric_weights: false
  symmetric_activations: true
  narrow_range_weights: true
  power_of_two_scales: true
  accumulator_bits: 16
  overflow: saturate
  add_scales: shared
  concat_scales: "requantize"
  rounding: half_away_from_zero
cost:
  clock_mhz: 2400
  memory_bandwidth_gbps: 17
  cores: 4
ops:
  conv2d:
    per_channel: true
    alternatives:
      - {input: s8, weight: s4, accumulator: s16, output: s8, macs_per_cycle: 64}
      - input: bf16
        weight: bf16
        accumulator: f32
        output: f16
        macs_per_cycle: 16
  softmax:
    alternatives: [{input: f32, output: f32}]
)");
  ASSERT_TRUE(succeeded(target));
  EXPECT_EQ(target->getFeatures(), "+neon,+dotprod,-sve");
  SchemeAttr scheme = target->getScheme();
  EXPECT_FALSE(scheme.getSymmetricWeights().getValue());
  EXPECT_TRUE(scheme.getPowerOfTwoScales().getValue());
  EXPECT_EQ(scheme.getAccumulatorBits(), 16);
  EXPECT_EQ(scheme.getOverflow().getValue(), OverflowMode::Saturate);
  EXPECT_EQ(scheme.getAddScales().getValue(), ScaleSharing::Shared);
  EXPECT_EQ(scheme.getRounding().getValue(), RoundingMode::HalfAwayFromZero);
  EXPECT_EQ(target->getCost().getCores(), 4);

  ASSERT_EQ(target->getOps().size(), 2u);
  EXPECT_EQ(cast<OpRuleAttr>(target->getOps()[0]).getOp(), "conv2d");
  OpRuleAttr conv = target->lookupOp("conv2d");
  EXPECT_TRUE(conv.getPerChannel().getValue());
  auto configs = llvm::to_vector(conv.getConfigs());
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_TRUE(configs[0].getWeight().isSignedInteger(4));
  EXPECT_TRUE(configs[0].isInteger());
  EXPECT_EQ(configs[0].getMacsPerCycle(), 64);
  EXPECT_TRUE(configs[1].getInput().isBF16());
  EXPECT_TRUE(configs[1].getOutput().isF16());
  EXPECT_FALSE(configs[1].isInteger());
}

TEST_F(TargetDescriptionTest, JsonIsAcceptedAsYaml) {
  FailureOr<TargetAttr> yaml = parse(withOps(
      "  add:\n    alternatives: [{input: s8, accumulator: s32, output: s8, "
      "macs_per_cycle: 16}]\n"));
  ASSERT_TRUE(succeeded(yaml));
  // Compact JSON (no blanks after ':' or ',') as well as pretty JSON.
  FailureOr<TargetAttr> json = parse(
      R"({"name":"tiny","triple":"x86_64-unknown-linux-gnu",)"
      R"("cost":{"clock_mhz":1000,"memory_bandwidth_gbps":12.8},)"
      R"("ops":{"add":{"alternatives":[{"input":"s8","accumulator":"s32",)"
      R"("output":"s8","macs_per_cycle":16}]}}})",
      "t.json");
  ASSERT_TRUE(succeeded(json)) << (reported.empty() ? "" : reported[0].message);
  EXPECT_EQ(*yaml, *json);
}

TEST_F(TargetDescriptionTest, UnknownOperatorKindAtItsKey) {
  expectError(withOps("  conv2d:\n    alternatives: [{input: u8, weight: s8, "
                      "accumulator: s32, output: u8}]\n"
                      "  conv3d:\n    alternatives: []\n"),
              7, 3, "unknown operator kind 'conv3d'");
}

TEST_F(TargetDescriptionTest, BadDataTypesAtTheirValue) {
  const std::string prefix = "  add:\n    alternatives: [{input: ";
  expectError(withOps(prefix + "i8, output: s8}]\n"), 6, 28,
              "unknown data type 'i8' (integers are spelled");
  expectError(withOps(prefix + "s-3, output: s8}]\n"), 6, 28,
              "the bit width must be positive");
  expectError(withOps(prefix + "s0, output: s8}]\n"), 6, 28,
              "the bit width must be positive");
  expectError(withOps(prefix + "s65, output: s8}]\n"), 6, 28,
              "at most 64 bits");
  expectError(withOps(prefix + "s1, output: s8}]\n"), 6, 28,
              "signed integers need at least 2 bits");
  expectError(withOps(prefix + "f8, output: s8}]\n"), 6, 28,
              "unknown data type 'f8'");
  expectError(withOps(prefix + "s8, output: none}]\n"), 6, 40,
              "'none' is only allowed as the weight");
  expectError(withOps("  conv2d:\n    alternatives: [{input: s8, weight: "
                      "none, accumulator: s32, output: s8}]\n"),
              6, 40, "'none' is only allowed as the weight");
}

TEST_F(TargetDescriptionTest, DuplicateKeyAtSecondOccurrenceWithNote) {
  expectError("name: a\ntriple: x\nname: b\n", 3, 1,
              "duplicate key 'name' in the target description");
  ASSERT_EQ(reported[0].notes.size(), 1u);
  EXPECT_EQ(reported[0].notes[0], "first defined here");
  expectError(withOps("  add:\n    alternatives: [{input: s8, input: u8, "
                      "output: s8}]\n"),
              6, 32, "duplicate key 'input' in an alternative of 'add'");
}

TEST_F(TargetDescriptionTest, MissingRequiredKeys) {
  expectError("name: a\ncost: {clock_mhz: 1, memory_bandwidth_gbps: 1}\n"
              "ops: {add: {alternatives: [{input: s8, output: s8}]}}\n",
              1, 1, "missing required key 'triple'");
  expectError("name: a\ntriple: x\n"
              "ops: {add: {alternatives: [{input: s8, output: s8}]}}\n",
              1, 1, "missing required key 'cost'");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 1}\n", 3, 1,
              "missing required key 'memory_bandwidth_gbps' in cost");
  expectError(std::string(kHeader), 1, 1, "missing required key 'ops'");
  expectError(withOps("  add: {per_channel: false}\n"), 5, 3,
              "missing required key 'alternatives' in operator 'add'");
  expectError(withOps("  matmul:\n    alternatives: [{input: s8, weight: s8, "
                      "output: s8}]\n"),
              6, 20, "missing required key 'accumulator'");
  expectError(withOps("  add:\n    alternatives: [{input: s8}]\n"), 6, 20,
              "missing required key 'output'");
}

TEST_F(TargetDescriptionTest, NonPositiveNumbers) {
  const std::string prefix = "  matmul:\n    alternatives: [{input: s8, "
                             "weight: s8, accumulator: s32, output: s8, "
                             "macs_per_cycle: ";
  expectError(withOps(prefix + "0}]\n"), 6, 90, "must be positive, got 0");
  expectError(withOps(prefix + "-256}]\n"), 6, 90,
              "must be positive, got -256");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 0, "
              "memory_bandwidth_gbps: 1}\n",
              3, 19, "'clock_mhz' must be positive, got 0");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 1, "
              "memory_bandwidth_gbps: -2.5}\n",
              3, 45, "'memory_bandwidth_gbps' must be positive, got -2.5");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 1, cores: 0, "
              "memory_bandwidth_gbps: 1}\n",
              3, 29, "'cores' must be positive, got 0");
  expectError("name: a\ntriple: x\nscheme: {accumulator_bits: -32}\n", 3, 28,
              "'accumulator_bits' must be positive, got -32");
  expectError("name: a\ntriple: x\nscheme: {accumulator_bits: 4}\n", 3, 28,
              "between 8 and 64");
}

TEST_F(TargetDescriptionTest, WrongNodeTypes) {
  expectError("name: [a, b]\n", 1, 7, "'name' expects a string, got a list");
  expectError("name: a\ntriple: x\ncost: 3\n", 3, 7,
              "'cost' expects a mapping, got a string");
  expectError("name: a\ntriple: x\nfeatures: +avx2\n", 3, 11,
              "'features' expects a list, got a string");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 2.3e3}\n", 3, 19,
              "'clock_mhz' expects an integer, got '2.3e3'");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: '2300'}\n", 3, 19,
              "expects an integer, got the quoted string '2300'");
  expectError("name: a\ntriple: x\ncost: {clock_mhz: 1, "
              "memory_bandwidth_gbps: inf}\n",
              3, 45, "expects a number, got 'inf'");
  expectError("name:\ntriple: x\n", 1, 1,
              "'name' expects a string, got an empty value");
  expectError("- name: a\n", 1, 1,
              "the target description must be a mapping, got a list");
  expectError("name: a\n[x]: y\n", 2, 1,
              "keys in the target description "
              "must be plain strings");
}

TEST_F(TargetDescriptionTest, FlagsAreTrueOrFalse) {
  expectError("name: a\ntriple: x\nscheme:\n  symmetric_weights: yes\n", 4, 22,
              "'symmetric_weights' expects true or false, got 'yes'");
  expectError("name: a\ntriple: x\nscheme:\n  symmetric_weights: 1\n", 4, 22,
              "expects true or false, got '1'");
  expectError("name: a\ntriple: x\nscheme:\n  symmetric_weights: \"true\"\n", 4,
              22, "expects true or false, got the quoted string");
}

TEST_F(TargetDescriptionTest, EncodingIsCheckedFirst) {
  expectError("name: caf\xe9\n", 1, 10, "invalid UTF-8 byte 0xe9");
  expectError(std::string("name: a\ntriple: x\0y\n", 19), 2, 10,
              "control character 0x00");
  expectError("name: a\n\x1b[0m\n", 2, 1, "control character 0x1b");
  // Well-formed UTF-8 and CRLF line ends are fine.
  FailureOr<TargetAttr> target =
      parse("description: \"caf\xc3\xa9\"\r\nname: tiny\r\ntriple: x\r\n"
            "cost: {clock_mhz: 1, memory_bandwidth_gbps: 1}\r\n"
            "ops: {add: {alternatives: [{input: s8, output: s8}]}}\r\n");
  EXPECT_TRUE(succeeded(target));
}

TEST_F(TargetDescriptionTest, EmptyInputs) {
  expectError("", 1, 1, "target description is empty");
  expectError("  \n\n", 1, 1, "target description is empty");
  expectError("# only a comment\n", 1, 1, "empty (only comments)");
  expectError("---\n", 1, 1, "empty (only comments)");
}

TEST_F(TargetDescriptionTest, YamlSyntaxErrorsAreLocated) {
  expectError("name: a\ntriple: [x\n", 2, 11, "invalid YAML: ");
  expectError("name: a\n  triple: x\n", 2, 9, "invalid YAML: ");
  expectError("name: \"a\n", 1, 9, "invalid YAML: ");
  expectError("name: a\n\ttriple: x\n", 2, 1,
              "invalid YAML: found invalid tab");
  // A YAML error later in the file wins over a schema error earlier on.
  expectError("name: [a]\ntriple: x\nops: {\n", 3, 7, "invalid YAML: ");
  expectError(withOps("  add:\n    alternatives: [{input: s8, output: s8}]\n"
                      "---\nname: b\n"),
              8, 1, "a target description holds a single YAML document");
  expectError(withOps("  add: &x\n    alternatives: [{input: s8, output: s8}]"
                      "\n  mul: *x\n"),
              7, 3, "YAML aliases are not supported");
}

TEST_F(TargetDescriptionTest, UnknownKeysEverywhere) {
  expectError("name: a\ntripel: x\n", 2, 1,
              "unknown key 'tripel' in the target description; did you mean "
              "'triple'?");
  expectError("name: a\ntriple: x\nscheme: {overflow_mode: wrap}\n", 3, 10,
              "unknown key 'overflow_mode' in scheme");
  expectError("name: a\ntriple: x\ncost: {bandwidth: 3}\n", 3, 8,
              "unknown key 'bandwidth' in cost; expected one of clock_mhz, "
              "memory_bandwidth_gbps, cores");
  expectError(withOps("  add:\n    per_chanel: false\n"), 6, 5,
              "unknown key 'per_chanel' in operator 'add'; did you mean "
              "'per_channel'?");
  expectError(withOps("  add:\n    alternatives: [{input: s8, output: s8, "
                      "ops_per_cycle: 3}]\n"),
              6, 44, "unknown key 'ops_per_cycle' in an alternative of 'add'");
}

TEST_F(TargetDescriptionTest, SemanticChecks) {
  expectError(withOps("  add:\n    alternatives: [{input: s8, weight: s8, "
                      "output: s8}]\n"),
              6, 40, "operator 'add' has no weights");
  expectError(withOps("  add:\n    per_channel: true\n    alternatives: "
                      "[{input: s8, output: s8}]\n"),
              6, 18, "'per_channel' applies only to operators with weights");
  expectError(withOps("  add:\n    alternatives: [{input: s8, output: s8}, "
                      "{input: s8, output: s8}]\n"),
              6, 45, "alternative repeats an earlier one of 'add'");
  expectError(withOps("  add:\n    alternatives: []\n"), 6, 19,
              "'alternatives' of 'add' must not be empty");
  expectError(std::string(kHeader) + "ops: {}\n", 4, 1,
              "'ops' must describe at least one operator");
  expectError(std::string(kHeader) + "features: [avx2]\n" + "ops: {}\n", 4, 12,
              "feature 'avx2' must be '+name' or '-name'");
  expectError("name: \"  \"\ntriple: x\n", 1, 7, "'name' must not be empty");
  expectError(std::string(kHeader) +
                  "scheme: {accumulator_bits: 16}\nops:\n  matmul:\n"
                  "    alternatives: [{input: s8, weight: s8, accumulator: "
                  "s32, output: s8}]\n",
              7, 57,
              "accumulator s32 is wider than the scheme's "
              "accumulator_bits (16)");
  ASSERT_EQ(reported[0].notes.size(), 1u);
  EXPECT_EQ(reported[0].notes[0], "accumulator_bits set here");
}

TEST_F(TargetDescriptionTest, DTypeSpellingsRoundTrip) {
  for (unsigned width = 1; width <= 64; ++width) {
    for (char sign : {'s', 'u'}) {
      std::string spelling = sign + std::to_string(width);
      llvm::Expected<Type> type = parseDTypeSpelling(spelling, &context);
      if (sign == 's' && width == 1) {
        EXPECT_FALSE(bool(type));
        llvm::consumeError(type.takeError());
        continue;
      }
      ASSERT_TRUE(bool(type)) << spelling;
      auto intType = cast<IntegerType>(*type);
      EXPECT_EQ(intType.getWidth(), width);
      EXPECT_EQ(intType.isSigned(), sign == 's');
      EXPECT_EQ(getDTypeSpelling(*type), spelling);
    }
  }
  for (StringRef spelling : {"f16", "bf16", "f32", "f64"}) {
    llvm::Expected<Type> type = parseDTypeSpelling(spelling, &context);
    ASSERT_TRUE(bool(type)) << spelling.str();
    EXPECT_TRUE(isa<FloatType>(*type));
    EXPECT_EQ(getDTypeSpelling(*type), spelling);
  }
  llvm::Expected<Type> none =
      parseDTypeSpelling("none", &context, /*allowNone=*/true);
  ASSERT_TRUE(bool(none));
  EXPECT_EQ(getDTypeSpelling(*none), "none");
  for (StringRef bad : {"none", "si8", "int8", "s", "u", "s8x", "S8", "f8", "",
                        "s99999999999999999999"}) {
    llvm::Expected<Type> type = parseDTypeSpelling(bad, &context);
    EXPECT_FALSE(bool(type)) << bad.str();
    if (!type)
      llvm::consumeError(type.takeError());
  }
}

TEST_F(TargetDescriptionTest, EveryShippedTargetParsesAndIsComplete) {
  ASSERT_NE(targetsDir(), "") << "HWQ_SOURCE_DIR is not set (lit sets it)";
  std::vector<std::string> files = shippedTargetFiles();
  ASSERT_GE(files.size(), 11u) << "expected 10 YAML targets and a JSON one";
  for (const std::string &file : files) {
    SCOPED_TRACE(file);
    reported.clear();
    FailureOr<TargetAttr> target = parseTargetDescriptionFile(file, &context);
    ASSERT_TRUE(succeeded(target))
        << (reported.empty() ? "" : reported[0].message);
    // The name matches the file name.
    EXPECT_EQ(target->getName(), llvm::sys::path::stem(file));
    for (StringRef kind : getKnownOpKinds()) {
      OpRuleAttr rule = target->lookupOp(kind);
      ASSERT_TRUE(rule) << kind.str() << " is not described";
      auto configs = llvm::to_vector(rule.getConfigs());
      // The float fallback comes last; integer alternatives first (softmax
      // is float only).
      EXPECT_FALSE(configs.back().isInteger()) << kind.str();
      EXPECT_EQ(configs.front().isInteger(), kind != "softmax") << kind.str();
      EXPECT_EQ(rule.getPerChannel().getValue(), opKindHasWeights(kind));
    }
  }
  // The JSON file is the YAML file in another syntax.
  FailureOr<TargetAttr> yaml = parseTargetDescriptionFile(
      targetsDir() + "/x86-avx512-vnni.yaml", &context);
  FailureOr<TargetAttr> json = parseTargetDescriptionFile(
      targetsDir() + "/x86-avx512-vnni.json", &context);
  ASSERT_TRUE(succeeded(yaml) && succeeded(json));
  EXPECT_EQ(*yaml, *json);
}

TEST_F(TargetDescriptionTest, PrintedDescriptionParsesBack) {
  std::vector<std::string> files = shippedTargetFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string &file : files) {
    SCOPED_TRACE(file);
    FailureOr<TargetAttr> target = parseTargetDescriptionFile(file, &context);
    ASSERT_TRUE(succeeded(target));
    std::string text;
    llvm::raw_string_ostream os(text);
    printTargetDescription(*target, os);
    FailureOr<TargetAttr> again = parse(text, "printed.yaml");
    ASSERT_TRUE(succeeded(again))
        << text << (reported.empty() ? "" : reported[0].message);
    EXPECT_EQ(*target, *again);
  }
}

// Found by hwq-fuzz-target-description: a weight-less alternative whose
// accumulator defaults to a wide input type (s64, wider than
// accumulator_bits) was printed with an explicit accumulator, which the
// accumulator width check then rejected.
TEST_F(TargetDescriptionTest, DefaultedWideAccumulatorPrintsBack) {
  FailureOr<TargetAttr> target =
      parse("name: t\ntriple: x86_64-unknown-linux-gnu\n"
            "cost: {clock_mhz: 1000, memory_bandwidth_gbps: 10}\n"
            "ops:\n  clamp:\n    alternatives: [{input: s64, output: f32}]\n");
  ASSERT_TRUE(succeeded(target))
      << (reported.empty() ? "" : reported[0].message);
  std::string text;
  llvm::raw_string_ostream os(text);
  printTargetDescription(*target, os);
  EXPECT_NE(text.find("- {input: s64, output: f32, macs_per_cycle: 1}"),
            std::string::npos)
      << text;
  FailureOr<TargetAttr> again = parse(text, "printed.yaml");
  ASSERT_TRUE(succeeded(again))
      << text << (reported.empty() ? "" : reported[0].message);
  EXPECT_EQ(*target, *again);
}

TEST_F(TargetDescriptionTest, MissingFileIsAnError) {
  reported.clear();
  EXPECT_TRUE(failed(
      parseTargetDescriptionFile("/nonexistent/hwq/target.yaml", &context)));
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].message.find("cannot open target description "
                                     "'/nonexistent/hwq/target.yaml'"),
            std::string::npos);
}

TEST_F(TargetDescriptionTest, SourceMgrHandlerIsRestored) {
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("name: [", "t.yaml"), llvm::SMLoc());
  int marker = 0;
  auto handlerFn = [](const llvm::SMDiagnostic &, void *) {};
  sourceMgr.setDiagHandler(handlerFn, &marker);
  EXPECT_TRUE(failed(parseTargetDescription(sourceMgr, &context)));
  EXPECT_EQ(sourceMgr.getDiagContext(), &marker);
  EXPECT_EQ(sourceMgr.getDiagHandler(),
            static_cast<llvm::SourceMgr::DiagHandlerTy>(handlerFn));
}

/// Random edits of a real target file never crash the parser, and every
/// failure comes with exactly one located error inside the file.
TEST_F(TargetDescriptionTest, MutatedFilesNeverCrash) {
  auto bufferOr =
      llvm::MemoryBuffer::getFile(targetsDir() + "/x86-avx512-vnni.yaml");
  ASSERT_TRUE(bool(bufferOr)) << "HWQ_SOURCE_DIR/targets not readable";
  std::string original = (*bufferOr)->getBuffer().str();
  const char alphabet[] = ":-[]{},#&*!|>'\"\t\n 0s8u-x?%@`\xff\xc3";
  std::mt19937 rng(20240607);
  unsigned failures = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text = original;
    int edits = 1 + rng() % 3;
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t pos = rng() % text.size();
      char c = alphabet[rng() % (sizeof(alphabet) - 1)];
      switch (rng() % 4) {
      case 0:
        text[pos] = c;
        break;
      case 1:
        text.insert(text.begin() + pos, c);
        break;
      case 2:
        text.erase(pos, 1 + rng() % 8);
        break;
      default:
        text.resize(pos); // truncation
        break;
      }
    }
    FailureOr<TargetAttr> target = parse(text, "m.yaml");
    if (succeeded(target)) {
      EXPECT_TRUE(reported.empty());
      continue;
    }
    ++failures;
    ASSERT_EQ(reported.size(), 1u) << text;
    EXPECT_EQ(reported[0].file, "m.yaml");
    EXPECT_GE(reported[0].line, 1u) << text;
    EXPECT_GE(reported[0].column, 1u) << text;
  }
  EXPECT_GT(failures, 100u); // the edits do break files
}

} // namespace
