#!/usr/bin/env python3
# ===- utils/verify-each-pass.py - every hwq pass on every lit input -----=== #
#
# Runs every registered hwq pass (found in `hwq-opt --help`, so that new
# passes are covered without editing this script) with --verify-each on
# every .mlir file under the given folders, alone and, after hwq-prepare and
# hwq-annotate, in one chain on a module carrying a shipped target
# (--hwq-target runs hwq-attach-target). Exiting with a diagnostic is fine;
# a crash is not: a signal, an LLVM stack dump or "PLEASE submit a bug
# report", an assertion, a sanitizer report, or an exit code other than 0
# and 1. Prints one line per crash and a summary; exits 1 when anything
# crashed.
#
#   verify-each-pass.py --opt build/bin/hwq-opt --target targets/x.yaml \
#                       test/ [-j 2]
#
# ===---------------------------------------------------------------------=== #

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

CRASH_MARKERS = (
    "PLEASE submit a bug report",
    "Stack dump:",
    "Assertion",
    "AddressSanitizer",
    "LeakSanitizer",
    "UndefinedBehaviorSanitizer",
    "runtime error:",
)


# In sanitized builds, leak checking at exit costs a fifth of each run; the
# rest of the test suite checks leaks.
ENV = dict(os.environ)
ENV["ASAN_OPTIONS"] = ":".join(
    o for o in [ENV.get("ASAN_OPTIONS", ""), "detect_leaks=0"] if o)


def list_passes(hwq_opt):
    """The hwq pass flags `hwq-opt --help` lists, in the order it lists them."""
    text = subprocess.run([hwq_opt, "--help"], capture_output=True, text=True,
                          check=True).stdout
    passes = []
    for match in re.finditer(r"^\s+--(hwq-[a-z0-9-]+)\s+-\s", text, re.M):
        if match.group(1) not in passes:
            passes.append(match.group(1))
    return passes


def find_inputs(folders):
    inputs = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "corpus")
            inputs += [os.path.join(dirpath, f) for f in sorted(filenames)
                       if f.endswith(".mlir")]
    return inputs


def check(hwq_opt, path, args):
    """Runs hwq-opt; returns a crash description or None."""
    command = [hwq_opt, path, "--split-input-file", "--verify-each",
               "-o", os.devnull] + args
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                errors="replace", timeout=120, env=ENV)
    except subprocess.TimeoutExpired:
        return " ".join(command) + ": timed out after 120 s"
    marker = next((m for m in CRASH_MARKERS if m in result.stderr), None)
    if result.returncode in (0, 1) and marker is None:
        return None
    tail = "\n    ".join(result.stderr.strip().splitlines()[-12:])
    why = ("signal %d" % -result.returncode if result.returncode < 0 else
           "exit code %d" % result.returncode)
    if marker:
        why += ", '%s' in its output" % marker
    return "%s: %s\n    %s" % (" ".join(command), why, tail)


def main():
    parser = argparse.ArgumentParser(
        description="Runs every hwq pass with --verify-each on every .mlir "
        "input and reports crashes.")
    parser.add_argument("--opt", required=True, help="the hwq-opt binary")
    parser.add_argument("--target", required=True,
                        help="target description for the chained run")
    parser.add_argument("-j", type=int,
                        default=int(os.environ.get("HWQ_VERIFY_JOBS", "2")))
    parser.add_argument("folders", nargs="+")
    options = parser.parse_args()

    passes = list_passes(options.opt)
    for required in ("hwq-prepare", "hwq-annotate"):
        if required not in passes:
            sys.exit("verify-each-pass: %s is not in hwq-opt --help" % required)
    inputs = find_inputs(options.folders)
    if not inputs:
        sys.exit("verify-each-pass: no .mlir inputs under %s" % options.folders)

    jobs = []
    for path in inputs:
        # hwq-attach-target runs in the chain (--hwq-target).
        for name in passes:
            if name != "hwq-attach-target":
                jobs.append((path, ["--" + name]))
        chain = ["hwq-prepare", "hwq-annotate"] + [
            p for p in passes
            if p not in ("hwq-prepare", "hwq-annotate", "hwq-attach-target")]
        jobs.append((path, ["--hwq-target=" + options.target] +
                     ["--" + p for p in chain]))

    with concurrent.futures.ThreadPoolExecutor(max(1, options.j)) as pool:
        results = list(pool.map(lambda job: check(options.opt, *job),
                                jobs))
    crashes = [r for r in results if r]
    for crash in crashes:
        print("CRASH: " + crash)
    print("verify-each-pass: %d passes (%s) on %d inputs, %d runs, %d crashes"
          % (len(passes), ", ".join(passes), len(inputs), len(jobs),
             len(crashes)))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
