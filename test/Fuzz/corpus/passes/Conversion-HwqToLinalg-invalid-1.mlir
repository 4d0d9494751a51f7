func.func @dynamic(%q: tensor<?x16x!quant.uniform<i16:f16, 0.03125>>) -> tensor<?x16xf16> {
  %y = hwq.dequantize %q : tensor<?x16x!quant.uniform<i16:f16, 0.03125>> -> tensor<?x16xf16>
  return %y : tensor<?x16xf16>
}
