/*===- fp32_kernel.c - the fp32 baseline of bench/arm-mca.sh ----------------===*
 *
 * Part of hwq, a hardware-aware post-training quantization compiler.
 *
 *===-----------------------------------------------------------------------===*
 *
 * A register-blocked fp32 GEMM micro-kernel of the kind optimized float
 * libraries use on AArch64 (8 rows x 8 columns of accumulators, 16 fmla by
 * lane per step of K, packed A and B): the float side of the int8-vs-fp32
 * estimate. With SVE (arm-sve) the same loop on 8 x (2 x VL/32) columns.
 *
 *===-----------------------------------------------------------------------===*/

#include <arm_neon.h>
#ifdef __ARM_FEATURE_SVE
#include <arm_sve.h>
#endif

void fp32_kernel(const float *a, const float *b, float *c, long k) {
#ifdef __ARM_FEATURE_SVE
  svbool_t all = svptrue_b32();
  long vl = (long)svcntw();
  svfloat32_t c00 = svdup_f32(0), c01 = svdup_f32(0);
  svfloat32_t c10 = svdup_f32(0), c11 = svdup_f32(0);
  svfloat32_t c20 = svdup_f32(0), c21 = svdup_f32(0);
  svfloat32_t c30 = svdup_f32(0), c31 = svdup_f32(0);
  svfloat32_t c40 = svdup_f32(0), c41 = svdup_f32(0);
  svfloat32_t c50 = svdup_f32(0), c51 = svdup_f32(0);
  svfloat32_t c60 = svdup_f32(0), c61 = svdup_f32(0);
  svfloat32_t c70 = svdup_f32(0), c71 = svdup_f32(0);
  for (long i = 0; i < k; ++i) {
    svfloat32_t b0 = svld1_f32(all, b + i * 2 * vl);
    svfloat32_t b1 = svld1_f32(all, b + i * 2 * vl + vl);
    c00 = svmla_n_f32_x(all, c00, b0, a[i * 8 + 0]);
    c01 = svmla_n_f32_x(all, c01, b1, a[i * 8 + 0]);
    c10 = svmla_n_f32_x(all, c10, b0, a[i * 8 + 1]);
    c11 = svmla_n_f32_x(all, c11, b1, a[i * 8 + 1]);
    c20 = svmla_n_f32_x(all, c20, b0, a[i * 8 + 2]);
    c21 = svmla_n_f32_x(all, c21, b1, a[i * 8 + 2]);
    c30 = svmla_n_f32_x(all, c30, b0, a[i * 8 + 3]);
    c31 = svmla_n_f32_x(all, c31, b1, a[i * 8 + 3]);
    c40 = svmla_n_f32_x(all, c40, b0, a[i * 8 + 4]);
    c41 = svmla_n_f32_x(all, c41, b1, a[i * 8 + 4]);
    c50 = svmla_n_f32_x(all, c50, b0, a[i * 8 + 5]);
    c51 = svmla_n_f32_x(all, c51, b1, a[i * 8 + 5]);
    c60 = svmla_n_f32_x(all, c60, b0, a[i * 8 + 6]);
    c61 = svmla_n_f32_x(all, c61, b1, a[i * 8 + 6]);
    c70 = svmla_n_f32_x(all, c70, b0, a[i * 8 + 7]);
    c71 = svmla_n_f32_x(all, c71, b1, a[i * 8 + 7]);
  }
  svst1_f32(all, c + 0 * 2 * vl, c00);
  svst1_f32(all, c + 0 * 2 * vl + vl, c01);
  svst1_f32(all, c + 1 * 2 * vl, c10);
  svst1_f32(all, c + 1 * 2 * vl + vl, c11);
  svst1_f32(all, c + 2 * 2 * vl, c20);
  svst1_f32(all, c + 2 * 2 * vl + vl, c21);
  svst1_f32(all, c + 3 * 2 * vl, c30);
  svst1_f32(all, c + 3 * 2 * vl + vl, c31);
  svst1_f32(all, c + 4 * 2 * vl, c40);
  svst1_f32(all, c + 4 * 2 * vl + vl, c41);
  svst1_f32(all, c + 5 * 2 * vl, c50);
  svst1_f32(all, c + 5 * 2 * vl + vl, c51);
  svst1_f32(all, c + 6 * 2 * vl, c60);
  svst1_f32(all, c + 6 * 2 * vl + vl, c61);
  svst1_f32(all, c + 7 * 2 * vl, c70);
  svst1_f32(all, c + 7 * 2 * vl + vl, c71);
#else
  float32x4_t acc[8][2];
  for (int r = 0; r < 8; ++r)
    acc[r][0] = acc[r][1] = vdupq_n_f32(0);
  for (long i = 0; i < k; ++i) {
    float32x4_t b0 = vld1q_f32(b + i * 8), b1 = vld1q_f32(b + i * 8 + 4);
    float32x4_t a0 = vld1q_f32(a + i * 8), a1 = vld1q_f32(a + i * 8 + 4);
    acc[0][0] = vfmaq_laneq_f32(acc[0][0], b0, a0, 0);
    acc[0][1] = vfmaq_laneq_f32(acc[0][1], b1, a0, 0);
    acc[1][0] = vfmaq_laneq_f32(acc[1][0], b0, a0, 1);
    acc[1][1] = vfmaq_laneq_f32(acc[1][1], b1, a0, 1);
    acc[2][0] = vfmaq_laneq_f32(acc[2][0], b0, a0, 2);
    acc[2][1] = vfmaq_laneq_f32(acc[2][1], b1, a0, 2);
    acc[3][0] = vfmaq_laneq_f32(acc[3][0], b0, a0, 3);
    acc[3][1] = vfmaq_laneq_f32(acc[3][1], b1, a0, 3);
    acc[4][0] = vfmaq_laneq_f32(acc[4][0], b0, a1, 0);
    acc[4][1] = vfmaq_laneq_f32(acc[4][1], b1, a1, 0);
    acc[5][0] = vfmaq_laneq_f32(acc[5][0], b0, a1, 1);
    acc[5][1] = vfmaq_laneq_f32(acc[5][1], b1, a1, 1);
    acc[6][0] = vfmaq_laneq_f32(acc[6][0], b0, a1, 2);
    acc[6][1] = vfmaq_laneq_f32(acc[6][1], b1, a1, 2);
    acc[7][0] = vfmaq_laneq_f32(acc[7][0], b0, a1, 3);
    acc[7][1] = vfmaq_laneq_f32(acc[7][1], b1, a1, 3);
  }
  for (int r = 0; r < 8; ++r) {
    vst1q_f32(c + r * 8, acc[r][0]);
    vst1q_f32(c + r * 8 + 4, acc[r][1]);
  }
#endif
}
