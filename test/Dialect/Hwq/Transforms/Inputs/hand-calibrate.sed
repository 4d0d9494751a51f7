# Hand calibration of an annotated graph for the x86-avx512-vnni target
# (u8 activations with a zero point, symmetric s8 weights): one scale and zero
# point per role. Used by realize-end-to-end.mlir until the tests can run
# hwq-calibrate on a dataset. Run with `sed -E -f`.
/func\.func @main/a\
    %hwq_sa = arith.constant dense<0.03> : tensor<f32>\
    %hwq_za = arith.constant dense<80> : tensor<i32>\
    %hwq_sw = arith.constant dense<0.0055> : tensor<f32>\
    %hwq_zw = arith.constant dense<0> : tensor<i32>\
    %hwq_so = arith.constant dense<0.045> : tensor<f32>\
    %hwq_zo = arith.constant dense<40> : tensor<i32>
s/hwq\.sim_quantize (%[^ ]+) \{(.*hwq\.role = "activation")/hwq.sim_quantize \1 scale(%hwq_sa : tensor<f32>) zero_point(%hwq_za : tensor<i32>) {\2/
s/hwq\.sim_quantize (%[^ ]+) \{(.*hwq\.role = "weight")/hwq.sim_quantize \1 scale(%hwq_sw : tensor<f32>) zero_point(%hwq_zw : tensor<i32>) {\2/
s/hwq\.sim_quantize (%[^ ]+) \{(.*hwq\.role = "output")/hwq.sim_quantize \1 scale(%hwq_so : tensor<f32>) zero_point(%hwq_zo : tensor<i32>) {\2/
