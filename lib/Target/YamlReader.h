//===- YamlReader.h - located, typed reading of YAML nodes ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A thin layer over llvm::yaml's node API for reading a small schema: typed
// scalars, mappings with a fixed key set, and sequences, where every problem
// is an MLIR error at the FileLineColLoc of the offending node. The YAML
// parser's own errors are routed through the same path. Only the first error
// is reported; after it every read fails without emitting more.
//
// Private to lib/Target.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_TARGET_YAMLREADER_H
#define HWQ_LIB_TARGET_YAMLREADER_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <optional>
#include <string>

namespace hwq::detail {

/// A value in the document together with where it came from: the key that
/// names it (empty for sequence elements) and the key's location, used when
/// the value itself has no location (an empty value).
struct YamlField {
  llvm::StringRef key;
  llvm::SMLoc keyLoc;
  llvm::yaml::Node *value = nullptr;
};

/// Reads typed values out of a YAML document held by a SourceMgr. While it
/// lives, the SourceMgr's diagnostic handler is redirected to MLIR errors.
class YamlReader {
public:
  YamlReader(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context);
  ~YamlReader();
  YamlReader(const YamlReader &) = delete;
  YamlReader &operator=(const YamlReader &) = delete;

  /// Checks that `buffer` is UTF-8 text without control characters other
  /// than tab, line feed and carriage return.
  mlir::LogicalResult checkEncoding(llvm::MemoryBufferRef buffer);

  /// The location of a pointer into the source buffer.
  mlir::Location getLoc(llvm::SMLoc loc);
  /// Where `node` starts (its bracket for a flow collection); invalid for
  /// empty values and aliases.
  llvm::SMLoc getNodeStart(const llvm::yaml::Node *node);
  /// Where `field`'s value starts, or its key when the value is empty.
  llvm::SMLoc getStart(const YamlField &field);

  /// Reports `message` at `loc` (plus an optional note) unless an error was
  /// already reported. Always returns failure.
  mlir::LogicalResult fail(llvm::SMLoc loc, const llvm::Twine &message,
                           llvm::SMLoc noteLoc = {},
                           const llvm::Twine &note = {});
  mlir::LogicalResult fail(const YamlField &field, const llvm::Twine &message) {
    return fail(getStart(field), message);
  }

  /// True once any error (ours or the YAML parser's) was reported.
  bool hadError() const { return errorReported; }

  /// Calls `fn` for every key of the mapping `field`, in file order. Rejects
  /// a non-mapping value, non-scalar keys, keys not in `allowedKeys` (unless
  /// it is empty: then `fn` judges the key) and repeated keys (at the second
  /// occurrence). `what` names the mapping in messages ("cost").
  mlir::LogicalResult
  forEachKey(const YamlField &field, llvm::StringRef what,
             llvm::ArrayRef<llvm::StringRef> allowedKeys,
             llvm::function_ref<mlir::LogicalResult(const YamlField &)> fn);

  /// Calls `fn` for every element of the sequence `field`.
  mlir::LogicalResult
  forEachElement(const YamlField &field,
                 llvm::function_ref<mlir::LogicalResult(const YamlField &)> fn);

  /// Reads a string: a plain, quoted or block scalar.
  mlir::FailureOr<std::string> readString(const YamlField &field);
  /// Reads `true` or `false` (unquoted).
  mlir::FailureOr<bool> readBool(const YamlField &field);
  /// Reads a decimal integer (unquoted) that must be > 0.
  mlir::FailureOr<int64_t> readPositiveInt(const YamlField &field);
  /// Reads a decimal number with an optional fraction (unquoted), > 0.
  mlir::FailureOr<double> readPositiveNumber(const YamlField &field);
  /// Reads a string that must be one of `choices`; returns its index.
  mlir::FailureOr<unsigned> readChoice(const YamlField &field,
                                       llvm::ArrayRef<llvm::StringRef> choices);

  /// Reports `missing key 'key'` at `loc` when `present` is false.
  mlir::LogicalResult require(bool present, llvm::SMLoc loc,
                              llvm::StringRef key, llvm::StringRef what);

private:
  /// Rejects aliases and returns the scalar at `field`, or null after
  /// reporting "expected <expected>, got ...".
  llvm::yaml::ScalarNode *getScalar(const YamlField &field,
                                    llvm::StringRef expected);
  /// The unquoted text of a plain scalar meant to be a number or boolean;
  /// std::nullopt (after an error) for quoted or non-scalar values.
  std::optional<llvm::StringRef> getPlainScalar(const YamlField &field,
                                                llvm::StringRef expected);

  static void handleYamlDiagnostic(const llvm::SMDiagnostic &diag,
                                   void *reader);

  llvm::SourceMgr &sourceMgr;
  mlir::MLIRContext *context;
  llvm::SourceMgr::DiagHandlerTy oldHandler;
  void *oldHandlerContext;
  bool errorReported = false;
};

/// A short description of a node's kind for messages: "a mapping", "a list".
llvm::StringRef describeNode(const llvm::yaml::Node *node);

} // namespace hwq::detail

#endif // HWQ_LIB_TARGET_YAMLREADER_H
