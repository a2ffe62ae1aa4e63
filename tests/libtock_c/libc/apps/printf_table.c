/* printf formatting table: one line per case, "<case>|<snprintf output>|<return value>"; the
 * gtest driver compares each with newlib's output. Also checks truncation, %n and that
 * printf/fprintf/puts/putchar reach the console in order.
 */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#define ROW(name, ...)                              \
  do {                                              \
    char buf[160];                                  \
    int n = snprintf(buf, sizeof buf, __VA_ARGS__); \
    printf("%s|%s|%d\n", name, buf, n);             \
  } while (0)

int main(void) {
  ROW("d", "%d", 42);
  ROW("d_neg", "%d", -42);
  ROW("i", "%i", 7);
  ROW("u_max", "%u", 4294967295u);
  ROW("int_min", "%d", (int)INT32_MIN);
  ROW("x", "%x", 0xbeef);
  ROW("X", "%X", 0xbeef);
  ROW("o", "%o", 8);
  ROW("alt_x", "%#x", 255);
  ROW("alt_X", "%#X", 255);
  ROW("alt_o", "%#o", 8);
  ROW("alt_x0", "%#x", 0);
  ROW("alt_o0", "%#o", 0);
  ROW("width", "[%5d]", 42);
  ROW("left", "[%-5d]", 42);
  ROW("zero", "[%05d]", -42);
  ROW("plus", "%+d %+d", 5, -5);
  ROW("space", "% d % d", 5, -5);
  ROW("prec_int", "[%.3d]", 7);
  ROW("prec_zero_flag", "[%08.3d]", 7);
  ROW("prec0_val0", "[%.0d]", 0);
  ROW("star_width", "[%*d]", 6, 12);
  ROW("star_neg_width", "[%*d]", -6, 12);
  ROW("star_prec", "[%.*s]", 3, "abcdef");
  ROW("alt_zero_x", "[%#010x]", 0x1f);
  ROW("c", "[%c%c]", 'o', 'k');
  ROW("c_width", "[%3c]", 'z');
  ROW("s", "[%s]", "text");
  ROW("s_width", "[%8s]", "abc");
  ROW("s_left", "[%-8s]", "abc");
  ROW("s_prec", "[%.2s]", "abc");
  ROW("s_null", "[%s]", (char*)NULL);
  ROW("p", "%p", (void*)0x1234);
  ROW("p_null", "%p", (void*)0);
  ROW("percent", "100%%");
  ROW("hh", "%hhd %hhu", 300, 300);
  ROW("h", "%hd %hu", 70000, 70000);
  ROW("l", "%ld %lx", -123456789L, 0xdeadbeefUL);
  ROW("ll", "%lld", -9000000000000000000LL);
  ROW("llu", "%llu", 18446744073709551615ULL);
  ROW("llx", "%llx", 0x123456789abcdefULL);
  ROW("z", "%zu %zd", (size_t)4000000000u, (ssize_t)-3);
  ROW("j", "%jd", (intmax_t)-77);
  ROW("t", "%td", (ptrdiff_t)-9);
  ROW("pri", "%" PRId32 " %" PRIu64 " %" PRIx8, (int32_t)-1, (uint64_t)1 << 40, (uint8_t)255);
  ROW("f", "%f", 3.14159);
  ROW("f_prec", "%.2f", 2.675);
  ROW("f0", "%.0f %.0f %.0f", 0.5, 1.5, 2.5);
  ROW("f_neg", "%8.3f", -1.0005);
  ROW("f_big", "%.1f", 1e20);
  ROW("f_small", "%f", 1e-7);
  ROW("e", "%e", 12345.678);
  ROW("E", "%.2E", 0.000123);
  ROW("e0", "%e", 0.0);
  ROW("g", "%g %g %g", 100000.0, 1000000.0, 0.0001);
  ROW("g_small", "%g", 0.00001234);
  ROW("g_prec", "%.3g", 3.14159);
  ROW("g_alt", "%#g", 1.0);
  ROW("inf_nan", "%f %F %e", __builtin_inf(), -__builtin_inf(), __builtin_nan(""));
  ROW("f_plus", "%+.1f", 2.25);

  char small[6];
  int n = snprintf(small, sizeof small, "%s", "truncated");
  printf("trunc|%s|%d\n", small, n);
  int pos = 0;
  snprintf(small, sizeof small, "ab%ncd", &pos);
  printf("n|%d\n", pos);

  printf("partial ");
  fprintf(stdout, "line ");
  fflush(stdout);
  putchar('o');
  putchar('k');
  putchar('\n');
  puts("puts adds a newline");
  fputs("fputs does not\n", stdout);
  fprintf(stderr, "stderr line\n");
  printf("done\n");
  return 0;
}
