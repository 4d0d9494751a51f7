//===- YamlReader.cpp - located, typed reading of YAML nodes ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "YamlReader.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace hwq::detail;
namespace yaml = llvm::yaml;
using llvm::SMLoc;

YamlReader::YamlReader(llvm::SourceMgr &sourceMgr, MLIRContext *context)
    : sourceMgr(sourceMgr), context(context),
      oldHandler(sourceMgr.getDiagHandler()),
      oldHandlerContext(sourceMgr.getDiagContext()) {
  sourceMgr.setDiagHandler(&YamlReader::handleYamlDiagnostic, this);
}

YamlReader::~YamlReader() {
  sourceMgr.setDiagHandler(oldHandler, oldHandlerContext);
}

void YamlReader::handleYamlDiagnostic(const llvm::SMDiagnostic &diag,
                                      void *opaque) {
  auto *reader = static_cast<YamlReader *>(opaque);
  if (diag.getKind() != llvm::SourceMgr::DK_Error)
    return;
  // The YAML scanner capitalizes its messages; MLIR diagnostics do not.
  std::string message = diag.getMessage().str();
  if (!message.empty())
    message[0] = llvm::toLower(message[0]);
  (void)reader->fail(diag.getLoc(), "invalid YAML: " + message);
}

Location YamlReader::getLoc(SMLoc loc) {
  unsigned bufferId = sourceMgr.getMainFileID();
  StringRef name = sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier();
  if (!loc.isValid())
    return FileLineColLoc::get(context, name, 1, 1);
  // The YAML stream registers its own (non-owning) buffer over the same bytes;
  // whichever buffer holds the pointer, lines and columns are the same.
  unsigned holder = sourceMgr.FindBufferContainingLoc(loc);
  if (holder == 0)
    return FileLineColLoc::get(context, name, 1, 1);
  auto [line, column] = sourceMgr.getLineAndColumn(loc, holder);
  return FileLineColLoc::get(context, name, line, column);
}

SMLoc YamlReader::getNodeStart(const yaml::Node *node) {
  // Empty values and aliases have no position of their own (an alias's range
  // points past it).
  if (!node || isa<yaml::NullNode, yaml::AliasNode>(node))
    return SMLoc();
  SMLoc start = node->getSourceRange().Start;
  if (!start.isValid() || !isa<yaml::MappingNode, yaml::SequenceNode>(node))
    return start;
  // Flow collections start after their bracket: point at the bracket.
  const char *bufferStart =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())->getBufferStart();
  const char *bufferEnd =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())->getBufferEnd();
  const char *p = start.getPointer();
  if (p <= bufferStart || p > bufferEnd)
    return start;
  do
    --p;
  while (p > bufferStart && llvm::isSpace(*p));
  if (*p == '[' || *p == '{')
    return SMLoc::getFromPointer(p);
  return start;
}

SMLoc YamlReader::getStart(const YamlField &field) {
  SMLoc start = getNodeStart(field.value);
  return start.isValid() ? start : field.keyLoc;
}

LogicalResult YamlReader::fail(SMLoc loc, const Twine &message, SMLoc noteLoc,
                               const Twine &note) {
  if (errorReported)
    return failure();
  errorReported = true;
  InFlightDiagnostic diag = emitError(getLoc(loc), message);
  if (noteLoc.isValid())
    diag.attachNote(getLoc(noteLoc)) << note;
  return failure();
}

LogicalResult YamlReader::checkEncoding(llvm::MemoryBufferRef buffer) {
  const auto *begin =
      reinterpret_cast<const llvm::UTF8 *>(buffer.getBufferStart());
  const auto *end = reinterpret_cast<const llvm::UTF8 *>(buffer.getBufferEnd());
  const llvm::UTF8 *cursor = begin;
  if (!llvm::isLegalUTF8String(&cursor, end))
    return fail(SMLoc::getFromPointer(reinterpret_cast<const char *>(cursor)),
                "invalid UTF-8 byte 0x" + llvm::utohexstr(*cursor, true, 2) +
                    "; target descriptions must be UTF-8 text");
  for (const char *c = buffer.getBufferStart(); c != buffer.getBufferEnd();
       ++c) {
    unsigned char byte = *c;
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') ||
        byte == 0x7f)
      return fail(SMLoc::getFromPointer(c),
                  "control character 0x" + llvm::utohexstr(byte, true, 2) +
                      " is not allowed in a target description");
  }
  return success();
}

StringRef hwq::detail::describeNode(const yaml::Node *node) {
  if (!node || isa<yaml::NullNode>(node))
    return "an empty value";
  if (isa<yaml::MappingNode>(node))
    return "a mapping";
  if (isa<yaml::SequenceNode>(node))
    return "a list";
  if (isa<yaml::AliasNode>(node))
    return "an alias";
  if (auto *scalar = dyn_cast<yaml::ScalarNode>(node)) {
    StringRef raw = scalar->getRawValue();
    if (raw.starts_with("\"") || raw.starts_with("'"))
      return "a quoted string";
  }
  return "a string";
}

/// `'key' ` for fields with a key, empty for sequence elements.
static std::string keyPrefix(const YamlField &field) {
  if (field.key.empty())
    return "";
  return ("'" + field.key + "' ").str();
}

yaml::ScalarNode *YamlReader::getScalar(const YamlField &field,
                                        StringRef expected) {
  if (isa_and_nonnull<yaml::AliasNode>(field.value)) {
    (void)fail(field, "YAML aliases are not supported");
    return nullptr;
  }
  if (auto *scalar = dyn_cast_or_null<yaml::ScalarNode>(field.value))
    return scalar;
  (void)fail(field, keyPrefix(field) + "expects " + expected + ", got " +
                        describeNode(field.value));
  return nullptr;
}

std::optional<StringRef> YamlReader::getPlainScalar(const YamlField &field,
                                                    StringRef expected) {
  yaml::ScalarNode *scalar = getScalar(field, expected);
  if (!scalar)
    return std::nullopt;
  // The raw text of a plain scalar keeps the blanks before a comment.
  StringRef raw = scalar->getRawValue().rtrim(" \t\r\n");
  if (raw.starts_with("\"") || raw.starts_with("'")) {
    (void)fail(field, keyPrefix(field) + "expects " + expected +
                          ", got the quoted string " + raw);
    return std::nullopt;
  }
  return raw;
}

FailureOr<std::string> YamlReader::readString(const YamlField &field) {
  if (auto *block = dyn_cast_or_null<yaml::BlockScalarNode>(field.value))
    return block->getValue().str();
  yaml::ScalarNode *scalar = getScalar(field, "a string");
  if (!scalar)
    return failure();
  llvm::SmallString<64> storage;
  return scalar->getValue(storage).str();
}

FailureOr<bool> YamlReader::readBool(const YamlField &field) {
  std::optional<StringRef> text = getPlainScalar(field, "true or false");
  if (!text)
    return failure();
  if (*text == "true")
    return true;
  if (*text == "false")
    return false;
  return fail(field,
              keyPrefix(field) + "expects true or false, got '" + *text + "'");
}

FailureOr<int64_t> YamlReader::readPositiveInt(const YamlField &field) {
  std::optional<StringRef> text = getPlainScalar(field, "an integer");
  if (!text)
    return failure();
  int64_t value;
  StringRef digits = text->starts_with("+") ? text->drop_front() : *text;
  if (digits.getAsInteger(10, value))
    return fail(field,
                keyPrefix(field) + "expects an integer, got '" + *text + "'");
  if (value <= 0)
    return fail(field,
                keyPrefix(field) + "must be positive, got " + Twine(value));
  return value;
}

FailureOr<double> YamlReader::readPositiveNumber(const YamlField &field) {
  std::optional<StringRef> text = getPlainScalar(field, "a number");
  if (!text)
    return failure();
  // Plain decimal only: [-+]digits[.digits]; no exponents, inf or nan.
  StringRef rest = *text;
  bool negative = rest.consume_front("-");
  if (!negative)
    rest.consume_front("+");
  auto [whole, fraction] = rest.split('.');
  bool hasDot = rest.contains('.');
  auto isDigits = [](StringRef s) {
    return llvm::all_of(s, [](char c) { return llvm::isDigit(c); });
  };
  double value;
  if (whole.empty() || !isDigits(whole) || (hasDot && fraction.empty()) ||
      !isDigits(fraction) || rest.getAsDouble(value))
    return fail(field,
                keyPrefix(field) + "expects a number, got '" + *text + "'");
  if (negative || value <= 0.0)
    return fail(field, keyPrefix(field) + "must be positive, got " + *text);
  return value;
}

FailureOr<unsigned> YamlReader::readChoice(const YamlField &field,
                                           ArrayRef<StringRef> choices) {
  std::string expected = "one of " + llvm::join(choices, ", ");
  yaml::ScalarNode *scalar = getScalar(field, expected);
  if (!scalar)
    return failure();
  llvm::SmallString<32> storage;
  StringRef text = scalar->getValue(storage);
  for (auto [index, choice] : llvm::enumerate(choices))
    if (text == choice)
      return static_cast<unsigned>(index);
  return fail(field, keyPrefix(field) + "expects " + expected + ", got '" +
                         text + "'");
}

LogicalResult YamlReader::require(bool present, SMLoc loc, StringRef key,
                                  StringRef what) {
  if (present)
    return success();
  return fail(loc, "missing required key '" + key + "' in " + what);
}

/// The allowed key closest to `key` in edit distance, if it is close.
static std::optional<StringRef> closestKey(StringRef key,
                                           ArrayRef<StringRef> allowed) {
  std::optional<StringRef> best;
  unsigned bestDistance = 3;
  for (StringRef candidate : allowed) {
    unsigned distance = key.edit_distance(candidate, true, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

LogicalResult
YamlReader::forEachKey(const YamlField &field, StringRef what,
                       ArrayRef<StringRef> allowedKeys,
                       function_ref<LogicalResult(const YamlField &)> fn) {
  if (isa_and_nonnull<yaml::AliasNode>(field.value))
    return fail(field, "YAML aliases are not supported");
  auto *mapping = dyn_cast_or_null<yaml::MappingNode>(field.value);
  if (!mapping)
    return fail(field, (field.key.empty() ? what.str() + " must be"
                                          : keyPrefix(field) + "expects") +
                           " a mapping, got " + describeNode(field.value));
  llvm::StringMap<SMLoc> seen;
  for (yaml::KeyValueNode &entry : *mapping) {
    yaml::Node *keyNode = entry.getKey();
    if (hadError())
      return failure();
    auto *keyScalar = dyn_cast_or_null<yaml::ScalarNode>(keyNode);
    if (!keyScalar) {
      SMLoc loc = getNodeStart(keyNode);
      return fail(loc.isValid() ? loc : getStart(field),
                  "keys in " + what + " must be plain strings, got " +
                      describeNode(keyNode));
    }
    llvm::SmallString<32> storage;
    StringRef key = keyScalar->getValue(storage);
    SMLoc keyLoc = keyScalar->getSourceRange().Start;
    auto [it, inserted] = seen.try_emplace(key, keyLoc);
    if (!inserted)
      return fail(keyLoc, "duplicate key '" + key + "' in " + what, it->second,
                  "first defined here");
    if (!allowedKeys.empty() && !llvm::is_contained(allowedKeys, key)) {
      std::string message = ("unknown key '" + key + "' in " + what).str();
      if (std::optional<StringRef> guess = closestKey(key, allowedKeys))
        message += ("; did you mean '" + *guess + "'?").str();
      else
        message += "; expected one of " + llvm::join(allowedKeys, ", ");
      return fail(keyLoc, message);
    }
    yaml::Node *value = entry.getValue();
    if (hadError())
      return failure();
    if (failed(fn(YamlField{key, keyLoc, value})))
      return failure();
  }
  return failure(hadError());
}

LogicalResult
YamlReader::forEachElement(const YamlField &field,
                           function_ref<LogicalResult(const YamlField &)> fn) {
  if (isa_and_nonnull<yaml::AliasNode>(field.value))
    return fail(field, "YAML aliases are not supported");
  auto *sequence = dyn_cast_or_null<yaml::SequenceNode>(field.value);
  if (!sequence)
    return fail(field, keyPrefix(field) + "expects a list, got " +
                           describeNode(field.value));
  for (yaml::Node &element : *sequence) {
    if (hadError())
      return failure();
    SMLoc loc = getNodeStart(&element);
    if (failed(
            fn(YamlField{"", loc.isValid() ? loc : getStart(field), &element})))
      return failure();
  }
  return failure(hadError());
}
