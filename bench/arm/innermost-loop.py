#!/usr/bin/env python3
#===- innermost-loop.py - cut the innermost loop out of an assembly file -===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#===----------------------------------------------------------------------===#
#
# innermost-loop.py FILE.s REGEX
# Prints the instructions of the smallest loop (a backward branch to a label
# and the code between them) that contains an instruction matching REGEX,
# for llvm-mca. Exits with status 1 when there is none.
#
#===----------------------------------------------------------------------===#
import re
import sys

lines = open(sys.argv[1]).read().splitlines()
pattern = re.compile(sys.argv[2])
labels = {}
best = None
for i, line in enumerate(lines):
    label = re.match(r"^(\.?L[\w$.]+|[\w$.]+):", line)
    if label:
        labels[label.group(1)] = i
        continue
    branch = re.match(r"^\s+(b|b\.\w+|cbn?z|tbn?z)\s+(.*,\s*)?([\w$.]+)\s*$",
                      line)
    if not branch or branch.group(3) not in labels:
        continue
    start = labels[branch.group(3)]
    body = [l.split("//")[0].rstrip() for l in lines[start + 1:i + 1]]
    body = [l for l in body if l.strip() and not re.match(r"^\s*\.", l)
            and not re.match(r"^[\w$.]+:", l)]
    if any(pattern.search(l) for l in body):
        if best is None or len(body) < len(best):
            best = body
if best is None:
    sys.exit("no loop with an instruction matching " + sys.argv[2])
print("\n".join(best))
