/*===- aot_main.c - drive an AOT-compiled model from C ---------------------===*
 *
 * Part of hwq, a hardware-aware post-training quantization compiler.
 *
 *===-----------------------------------------------------------------------===*
 *
 * Reads one raw input file, calls the model compiled by hwq-compile and
 * writes its output as a raw file. The model is chosen at compile time:
 *   -include hwq_<name>.h -DRUN=hwq_<name>_run -DIN_T=float -DIN_N=...
 *   -DOUT_T=float -DOUT_N=...
 * Usage: aot_main INPUT.bin OUTPUT.bin
 *
 *===-----------------------------------------------------------------------===*/

#include <stdio.h>

static IN_T input[IN_N];
static OUT_T output[OUT_N];

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT.bin OUTPUT.bin\n", argv[0]);
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if (!in || fread(input, sizeof(input), 1, in) != 1) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  fclose(in);
  /* Poison the output: the model must write every element. */
  for (unsigned i = 0; i < sizeof(output); ++i)
    ((unsigned char *)output)[i] = 0xA5;
  RUN(input, output);
  RUN(input, output); /* a second call gives the same result */
  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(output, sizeof(output), 1, out) != 1) {
    fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  fclose(out);
  return 0;
}
