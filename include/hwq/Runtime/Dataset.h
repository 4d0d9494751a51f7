//===- Dataset.h - labelled sample collections ------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// "N samples, optionally labelled", as calibration (hwq-calibrate) and
// accuracy evaluation (hwq-eval) consume them. A dataset is named by a spec
// string (docs/Calibration.md, "Datasets"):
//
//   [KIND:]PATH[:KEY=VALUE]...
//
//   npy:FILE.npy      one array; its first dimension indexes the samples
//   npz:FILE.npz      every member (but the labels) is one function input;
//                     all members share the first (sample) dimension
//   dir:DIR           a folder of .npy files, one sample each, sorted by name
//   raw:DIR           a folder of raw little-endian binaries, one sample each,
//                     sorted by name (needs dtype= and shape=)
//   idx:FILE          an MNIST idx file (e.g. t10k-images-idx3-ubyte); its
//                     first dimension indexes the samples. Label files may
//                     be idx1 files too. Gzip-compressed files are
//                     rejected (decompress them first).
//   kws01:DIR         the MLPerf Tiny kws01 layout: raw:DIR:dtype=i8:
//                     shape=1x1x49x10:scale=0.584703:zero_point=83:
//                     labels=y_labels.csv
//
// Keys: dtype, shape, scale, zero_point, labels, ext. Samples come in a
// fixed, documented order (array order, or file names sorted bytewise), so a
// sample range such as 0:100 means the same samples on every machine.
// Problems (missing or malformed files, sizes that do not match, a broken
// label file) are llvm::Errors whose message names the file.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_RUNTIME_DATASET_H
#define HWQ_RUNTIME_DATASET_H

#include "hwq/Runtime/Tensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hwq {
namespace runtime {

/// One sample of a dataset.
struct Sample {
  /// The file name (folder kinds) or `FILE[i]` (array kinds).
  std::string name;
  /// One tensor per function input.
  std::vector<Tensor> inputs;
  /// The class label, when the dataset has labels.
  std::optional<int64_t> label;
};

/// A half-open range [begin, end) of sample indices.
struct SampleRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
};

/// Parses a sample range against a dataset of `count` samples: `A:B` (samples
/// A to B-1), `A:` (A to the end), `:B`, `:` or the empty string (all). Fails
/// when a bound is not a non-negative integer, when A > B, when B > count, or
/// when the range selects no sample.
llvm::Expected<SampleRange> parseSampleRange(llvm::StringRef text,
                                             size_t count);

/// A dataset opened from a spec string. Immutable after open(); getSample()
/// may be called from several threads.
class Dataset {
public:
  /// How the samples are stored.
  enum class Kind { Npy, Npz, NpyFolder, RawFolder, Idx };

  ~Dataset();
  Dataset(Dataset &&);
  Dataset &operator=(Dataset &&);

  /// Opens the dataset `spec` names (see the file comment). Array kinds are
  /// read into memory; folder kinds are listed, and their files are read by
  /// getSample(). Labels are read and checked here.
  static llvm::Expected<Dataset> open(llvm::StringRef spec);

  Kind getKind() const;
  /// Number of samples.
  size_t size() const;
  /// True when every sample has a label.
  bool hasLabels() const;
  /// A one-line description for messages and reports, e.g. `raw folder
  /// DIR: 1000 samples of 1x1x49x10 i8 -> f32, labels from y_labels.csv`.
  std::string describe() const;

  /// Sample `index` (< size()). Folder kinds read the file now; its errors
  /// (unreadable, wrong size, wrong type) name the file.
  llvm::Expected<Sample> getSample(size_t index) const;

private:
  struct Impl;
  explicit Dataset(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// The kind and shape a function input expects.
struct InputSignature {
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t, 4> shape;
};

/// Makes `sample`'s inputs fit `signature` (one entry per function input):
/// the number of inputs and each element kind must match; a tensor whose
/// shape differs but whose element count matches is reshaped (row-major
/// order is kept, e.g. 1x1x49x10 -> 1x49x10x1). Errors name the sample.
llvm::Error conformSample(Sample &sample,
                          llvm::ArrayRef<InputSignature> signature);

} // namespace runtime
} // namespace hwq

#endif // HWQ_RUNTIME_DATASET_H
