#===- int-logits.awk - return the integer logits of a realized model -----===#
#
# Part of hwq, a hardware-aware post-training quantization compiler.
#
#===----------------------------------------------------------------------===#
#
# Rewrites a realized model whose float head (dequantize, softmax) follows
# its last integer tensor into one that returns that tensor: the operand of
# the last hwq.dequantize becomes the function's result. The float head
# stays in the body, unused. One function per module.
#
#===----------------------------------------------------------------------===#
{ lines[NR] = $0 }
/= hwq\.dequantize / {
  value = $4
  start = index($0, " : ") + 3
  stop = index($0, " -> ")
  type = substr($0, start, stop - start)
  result = substr($0, stop + 4)
}
END {
  for (i = 1; i <= NR; ++i) {
    line = lines[i]
    if (line ~ /func\.func/ && (at = index(line, "-> " result)) > 0)
      line = substr(line, 1, at - 1) "-> " type substr(line, at + 3 + length(result))
    else if (line ~ /^ *return /) {
      match(line, /^ */)
      line = substr(line, 1, RLENGTH) "return " value " : " type
    }
    print line
  }
}
