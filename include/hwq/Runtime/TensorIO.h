//===- TensorIO.h - .npy, .npz and raw tensor files -------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Readers and writers for the tensor files hwq tools exchange with numpy and
// with other frameworks:
//  - .npy (format versions 1, 2 and 3; little-endian; C order; f2, f4, f8,
//    i1, u1, i2, i4, i8);
//  - .npz (a zip archive of .npy members; stored and deflate-compressed
//    members are read, members are written stored, like numpy.savez);
//  - raw little-endian binaries whose shape and element kind are given by the
//    caller (`x.bin:1x49x10x1:i8` on command lines).
// Every malformed file gives an llvm::Error whose message names the file and
// the problem; nothing here asserts or crashes on bad input.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_RUNTIME_TENSORIO_H
#define HWQ_RUNTIME_TENSORIO_H

#include "hwq/Runtime/Tensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace hwq {
namespace runtime {

/// One named array of an .npz archive (the member name without `.npy`).
struct NamedTensor {
  std::string name;
  Tensor tensor;
};

/// Parses the bytes of a .npy file. `name` only labels error messages.
llvm::Expected<Tensor> parseNpy(llvm::ArrayRef<uint8_t> bytes,
                                llvm::StringRef name);

/// Serializes `tensor` as a .npy file (version 1.0, or 2.0 when the header
/// does not fit in 64 KiB).
std::vector<uint8_t> serializeNpy(const Tensor &tensor);

/// Parses the bytes of an .npz archive, members in archive order.
llvm::Expected<std::vector<NamedTensor>> parseNpz(llvm::ArrayRef<uint8_t> bytes,
                                                  llvm::StringRef name);

/// Serializes `tensors` as an uncompressed .npz archive (member `<name>.npy`).
std::vector<uint8_t> serializeNpz(llvm::ArrayRef<NamedTensor> tensors);

/// Reads a .npy file.
llvm::Expected<Tensor> readNpy(llvm::StringRef path);

/// Reads an .npz file.
llvm::Expected<std::vector<NamedTensor>> readNpz(llvm::StringRef path);

/// Reads a raw little-endian binary holding exactly one tensor of `shape` and
/// `kind`; the file size must match.
llvm::Expected<Tensor> readRaw(llvm::StringRef path,
                               llvm::ArrayRef<int64_t> shape, ElementKind kind);

/// Writes `tensor` as a .npy file.
llvm::Error writeNpy(llvm::StringRef path, const Tensor &tensor);

/// Writes `tensors` as an uncompressed .npz file.
llvm::Error writeNpz(llvm::StringRef path, llvm::ArrayRef<NamedTensor> tensors);

/// Writes the raw little-endian bytes of `tensor`.
llvm::Error writeRaw(llvm::StringRef path, const Tensor &tensor);

/// Reads the tensors a command-line input specification names:
///  - `FILE:SHAPE:KIND` (e.g. `x.bin:1x49x10x1:i8`): a raw binary;
///  - otherwise a .npy file (one tensor) or an .npz file (all its arrays in
///    archive order), recognized by their contents, not their extension.
llvm::Expected<std::vector<NamedTensor>>
readTensorsFromSpec(llvm::StringRef spec);

/// Writes `tensors` to `path`: an .npz archive when the extension is `.npz`,
/// a .npy file when it is `.npy` (exactly one tensor), raw bytes when `.bin`
/// (exactly one tensor).
llvm::Error writeTensorsToPath(llvm::StringRef path,
                               llvm::ArrayRef<NamedTensor> tensors);

} // namespace runtime
} // namespace hwq

#endif // HWQ_RUNTIME_TENSORIO_H
