//===- Engine.cpp - execution engine interface ----------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/Engine.h"

using namespace hwq::runtime;

// Anchors the vtable in this library.
Engine::~Engine() = default;
