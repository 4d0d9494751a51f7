//===- AsanCompat.h - ASan against an uninstrumented LLVM ----- -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Force-included (-include) into every hwq translation unit when
// HWQ_ENABLE_SANITIZERS is on. Under AddressSanitizer, LLVM's header-only
// BumpPtrAllocator poisons each new slab and unpoisons what it hands out.
// Debian's libLLVM/libMLIR are not instrumented: their copies of the same
// inline code hand out memory from those slabs without unpoisoning it, and
// ASan then reports a false use-after-poison (e.g. in MLIR's uniquer, which
// hwq attributes and libMLIR share). Declaring the ASan interface first and
// turning the two manual-poisoning calls into no-ops makes both sides agree;
// heap, stack and global checks are unaffected.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CMAKE_ASANCOMPAT_H
#define HWQ_CMAKE_ASANCOMPAT_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#undef __asan_poison_memory_region
#undef __asan_unpoison_memory_region
#define __asan_poison_memory_region(addr, size) ((void)(addr), (void)(size))
#define __asan_unpoison_memory_region(addr, size) ((void)(addr), (void)(size))
#endif
#endif

#endif // HWQ_CMAKE_ASANCOMPAT_H
