func.func @main(%x: tensor<2x8xf32>, %y: tensor<1x8xf32>)
    -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x2xf32>, tensor<2x1xf32>, tensor<1x3x6x2xf32>, tensor<2x3xf32>) {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s = tosa.add %x, %y : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  %m = tosa.reduce_max %s {axis = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %c = tosa.sub %s, %m : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %e = tosa.exp %c : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %sum = tosa.reduce_sum %e {axis = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %r = tosa.reciprocal %sum : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %softmax = tosa.mul %e, %r, %shift : (tensor<2x8xf32>, tensor<2x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %t = tosa.tanh %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %g = tosa.sigmoid %y : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %tg = tosa.mul %t, %g, %shift : (tensor<2x8xf32>, tensor<1x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %ax = tosa.abs %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %ax1 = tosa.add %ax, %one : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %l = tosa.log %ax1 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %yy = tosa.mul %y, %y, %shift : (tensor<1x8xf32>, tensor<1x8xf32>, tensor<1xi8>) -> tensor<1x8xf32>
  %yy1 = tosa.add %yy, %one : (tensor<1x8xf32>, tensor<1x1xf32>) -> tensor<1x8xf32>
  %q = tosa.rsqrt %yy1 : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %lq = tosa.mul %l, %q, %shift : (tensor<2x8xf32>, tensor<1x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %d = tosa.sub %tg, %lq : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %lo = "tosa.const"() <{values = dense<-0.3> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %mx = tosa.maximum %d, %lo : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %mn = tosa.minimum %mx, %x : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %tr = tosa.transpose %softmax {perms = array<i32: 1, 0>} : (tensor<2x8xf32>) -> tensor<8x2xf32>
  %rs = tosa.reduce_sum %mn {axis = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %shape = tosa.const_shape {values = dense<[1, 2, 4, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %img = tosa.reshape %mn, %shape : (tensor<2x8xf32>, !tosa.shape<4>) -> tensor<1x2x4x2xf32>
  %padding = tosa.const_shape {values = dense<[0, 0, 1, 1, 1, 0, 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>
  %padval = "tosa.const"() <{values = dense<-0.5> : tensor<1xf32>}> : () -> tensor<1xf32>
  %padded = tosa.pad %img, %padding, %padval : (tensor<1x2x4x2xf32>, !tosa.shape<8>, tensor<1xf32>) -> tensor<1x4x5x2xf32>
  %pool = tosa.max_pool2d %padded {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 2, 1>} : (tensor<1x4x5x2xf32>) -> tensor<1x2x5x2xf32>
  %start = tosa.const_shape {values = dense<[0, 0, 1, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[1, 2, 3, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %sl = tosa.slice %pool, %start, %size : (tensor<1x2x5x2xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x2x3x2xf32>
  %cat = tosa.concat %sl, %sl, %sl {axis = 1 : i32} : (tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>) -> tensor<1x6x3x2xf32>
  %perm = tosa.transpose %cat {perms = array<i32: 0, 2, 1, 3>} : (tensor<1x6x3x2xf32>) -> tensor<1x3x6x2xf32>
  %a3 = tosa.const_shape {values = dense<[1, 2, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %a = tosa.reshape %x, %a3 : (tensor<2x8xf32>, !tosa.shape<3>) -> tensor<1x2x8xf32>
  %w = "tosa.const"() <{values = dense<[[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 1.2], [0.13, 0.14, -0.15], [-0.16, 0.17, 0.18], [0.19, -0.2, 0.21], [0.22, 0.23, -0.24]]]> : tensor<1x8x3xf32>}> : () -> tensor<1x8x3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %mm = tosa.matmul %a, %w, %zp, %zp : (tensor<1x2x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x3xf32>
  %o3 = tosa.const_shape {values = dense<[2, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %mm2 = tosa.reshape %mm, %o3 : (tensor<1x2x3xf32>, !tosa.shape<2>) -> tensor<2x3xf32>
  return %softmax, %mn, %tr, %rs, %perm, %mm2 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<8x2xf32>, tensor<2x1xf32>, tensor<1x3x6x2xf32>, tensor<2x3xf32>
}
