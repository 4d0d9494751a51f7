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
 * A model with a second result also defines -DOUT1_T=... -DOUT1_N=...
 * Usage: aot_main INPUT.bin OUTPUT.bin [OUTPUT1.bin]
 *
 *===-----------------------------------------------------------------------===*/

#include <stdio.h>

static IN_T input[IN_N];
static OUT_T output[OUT_N];
#ifdef OUT1_N
static OUT1_T output1[OUT1_N];
#define NUM_OUTPUTS 2
#define OUTPUT_ARGS output, output1
#else
#define NUM_OUTPUTS 1
#define OUTPUT_ARGS output
#endif

static int writeFile(const char *path, const void *data, unsigned size) {
  FILE *out = fopen(path, "wb");
  if (!out || fwrite(data, size, 1, out) != 1) {
    fprintf(stderr, "cannot write %s\n", path);
    return 1;
  }
  fclose(out);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2 + NUM_OUTPUTS) {
    fprintf(stderr, "usage: %s INPUT.bin OUTPUT.bin%s\n", argv[0],
            NUM_OUTPUTS == 2 ? " OUTPUT1.bin" : "");
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
#ifdef OUT1_N
  for (unsigned i = 0; i < sizeof(output1); ++i)
    ((unsigned char *)output1)[i] = 0xA5;
#endif
  RUN(input, OUTPUT_ARGS);
  RUN(input, OUTPUT_ARGS); /* a second call gives the same result */
  if (writeFile(argv[2], output, sizeof(output)))
    return 1;
#ifdef OUT1_N
  if (writeFile(argv[3], output1, sizeof(output1)))
    return 1;
#endif
  return 0;
}
