# -*- Python -*-
# Runs the GoogleTest unit tests of hwq through lit, one lit test per case.

import os

import lit.formats

config.name = "HWQ-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.hwq_obj_root, "test", "Unit")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.environment["HWQ_SOURCE_DIR"] = config.hwq_src_root
