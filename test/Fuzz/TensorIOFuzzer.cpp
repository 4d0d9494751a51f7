//===- TensorIOFuzzer.cpp - fuzz the .npy / .npz readers ------ -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// libFuzzer target for hwq::runtime::parseNpy and parseNpz: every input is
// given to both readers. Checks: no crash, no unbounded allocation; what
// reads successfully serializes (serializeNpy / serializeNpz) to bytes that
// read back to the same tensors.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "hwq/Runtime/TensorIO.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace hwq::runtime;

/// Whether two tensors have the same kind, shape and bytes.
static bool sameTensor(const Tensor &a, const Tensor &b) {
  return a.getKind() == b.getKind() && a.getShape() == b.getShape() &&
         a.getBytes() == b.getBytes();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::ArrayRef<uint8_t> bytes(data, size);

  llvm::Expected<Tensor> tensor = parseNpy(bytes, "fuzz.npy");
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
  } else {
    std::vector<uint8_t> written = serializeNpy(*tensor);
    llvm::Expected<Tensor> reread = parseNpy(written, "written.npy");
    if (!reread)
      hwq::fuzz::reportBug("serializeNpy output does not read back: " +
                           llvm::toString(reread.takeError()));
    if (!sameTensor(*tensor, *reread))
      hwq::fuzz::reportBug("serializeNpy output reads back differently");
  }

  llvm::Expected<std::vector<NamedTensor>> archive =
      parseNpz(bytes, "fuzz.npz");
  if (!archive) {
    llvm::consumeError(archive.takeError());
    return 0;
  }
  std::vector<uint8_t> written = serializeNpz(*archive);
  llvm::Expected<std::vector<NamedTensor>> reread =
      parseNpz(written, "written.npz");
  if (!reread)
    hwq::fuzz::reportBug("serializeNpz output does not read back: " +
                         llvm::toString(reread.takeError()));
  if (reread->size() != archive->size())
    hwq::fuzz::reportBug("serializeNpz output has another member count");
  for (size_t i = 0; i < archive->size(); ++i)
    if ((*reread)[i].name != (*archive)[i].name ||
        !sameTensor((*reread)[i].tensor, (*archive)[i].tensor))
      hwq::fuzz::reportBug("serializeNpz output reads back differently");
  return 0;
}
