/* Exact decimal digits of a double for printf's %f/%e/%g, rounded like newlib (ties to even).
 *
 * value = m * 2^e is held as the integer N = m * 2^(e + 1074) (at most 2098 bits), so the
 * integer part is N >> 1074 and the fraction is N's low 1074 bits over 2^1074. Integer digits
 * come from repeated division by 10^9, fraction digits from multiplying the fraction by 10.
 * Only reached when a float conversion is formatted; uses about 1 KB of stack.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "format.h"

#define FRAC_BITS 1074
#define LIMBS 66                        /* 2112 bits >= 2098 */
#define FRAC_LIMBS (FRAC_BITS / 32 + 1) /* 34: limb 33 holds fraction bits 1056..1073 */
#define FRAC_TOP_SHIFT (FRAC_BITS % 32) /* 18 */

typedef struct {
  uint32_t frac[FRAC_LIMBS]; /* the fraction, low limb first; bits >= FRAC_BITS are zero */
  const char* int_digits;    /* remaining integer digits (streamed before the fraction) */
  int int_left;
} digit_stream_t;

static bool frac_is_zero(const uint32_t* f) {
  for (int i = 0; i < FRAC_LIMBS; ++i) {
    if (f[i] != 0) return false;
  }
  return true;
}

static int next_digit(digit_stream_t* s) {
  if (s->int_left > 0) {
    --s->int_left;
    return *s->int_digits++ - '0';
  }
  uint64_t carry = 0;
  for (int i = 0; i < FRAC_LIMBS; ++i) {
    uint64_t v = (uint64_t)s->frac[i] * 10u + carry;
    s->frac[i] = (uint32_t)v;
    carry = v >> 32;
  }
  int digit = (int)(s->frac[FRAC_LIMBS - 1] >> FRAC_TOP_SHIFT);
  s->frac[FRAC_LIMBS - 1] &= (1u << FRAC_TOP_SHIFT) - 1;
  return digit;
}

static bool rest_is_zero(const digit_stream_t* s) {
  for (int i = 0; i < s->int_left; ++i) {
    if (s->int_digits[i] != '0') return false;
  }
  return frac_is_zero(s->frac);
}

void libc_double_digits(double value, int fixed, int ndigits, libc_decimal_t* out) {
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  uint64_t m = bits & ((1ull << 52) - 1);
  int biased = (int)((bits >> 52) & 0x7ff);
  int e = biased == 0 ? -1074 : biased - 1075;
  if (biased != 0) m |= 1ull << 52;
  if (m == 0) {
    out->digits[0] = '0';
    out->count = 1;
    out->point = 1;
    return;
  }

  /* N = m << shift, shift = e + 1074 in [0, 2045]. */
  uint32_t n[LIMBS] = {0};
  const int shift = e + FRAC_BITS;
  const int word = shift / 32, bit = shift % 32;
  uint64_t lo = m << bit;
  n[word] = (uint32_t)lo;
  n[word + 1] = (uint32_t)(lo >> 32);
  if (bit != 0 && word + 2 < LIMBS) n[word + 2] = (uint32_t)(m >> (64 - bit));

  digit_stream_t s;
  memcpy(s.frac, n, sizeof s.frac);
  s.frac[FRAC_LIMBS - 1] &= (1u << FRAC_TOP_SHIFT) - 1;

  /* Integer part: N >> 1074, as up to 32 limbs, then base-10^9 chunks. */
  uint32_t ip[LIMBS - FRAC_LIMBS + 1] = {0};
  int ip_len = 0;
  for (int i = 0; i < (int)(sizeof ip / sizeof ip[0]); ++i) {
    int src = FRAC_LIMBS - 1 + i;
    uint64_t v = src < LIMBS ? n[src] : 0;
    uint64_t hi = src + 1 < LIMBS ? n[src + 1] : 0;
    ip[i] = (uint32_t)((v >> FRAC_TOP_SHIFT) | (hi << (32 - FRAC_TOP_SHIFT)));
    if (ip[i] != 0) ip_len = i + 1;
  }
  char int_buf[320];
  int int_count = 0;
  while (ip_len > 0) {
    uint64_t rem = 0;
    for (int i = ip_len - 1; i >= 0; --i) {
      uint64_t cur = (rem << 32) | ip[i];
      ip[i] = (uint32_t)(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    while (ip_len > 0 && ip[ip_len - 1] == 0) --ip_len;
    for (int k = 0; k < 9; ++k) { /* least significant first; reversed below */
      int_buf[int_count++] = (char)('0' + rem % 10);
      rem /= 10;
    }
  }
  while (int_count > 0 && int_buf[int_count - 1] == '0') --int_count;
  for (int i = 0; i < int_count / 2; ++i) {
    char t = int_buf[i];
    int_buf[i] = int_buf[int_count - 1 - i];
    int_buf[int_count - 1 - i] = t;
  }
  s.int_digits = int_buf;
  s.int_left = int_count;

  int point = int_count;
  int first = -1; /* a digit already taken from the stream */
  if (!fixed && int_count == 0) {
    /* Skip the fraction's leading zeros; a non-zero double has a digit within 1074. */
    while ((first = next_digit(&s)) == 0) --point;
  }
  int want = fixed ? point + ndigits : ndigits;
  const int cap = (int)sizeof out->digits - 1;
  if (want > cap) want = cap;
  if (want < 0) want = 0;
  for (int i = 0; i < want; ++i) {
    int d = first >= 0 ? first : next_digit(&s);
    first = -1;
    out->digits[i] = (char)('0' + d);
  }
  int round_digit = next_digit(&s);
  bool sticky = !rest_is_zero(&s);
  bool odd = want > 0 && ((out->digits[want - 1] - '0') & 1);
  out->count = want;
  out->point = point;
  if (round_digit > 5 || (round_digit == 5 && (sticky || odd))) {
    int i = want - 1;
    while (i >= 0 && out->digits[i] == '9') out->digits[i--] = '0';
    if (i >= 0) {
      ++out->digits[i];
    } else {
      /* All nines (or nothing): becomes 1 followed by zeros, one more integer digit. */
      memmove(out->digits + 1, out->digits, (size_t)want);
      out->digits[0] = '1';
      out->point = point + 1;
      out->count = fixed ? want + 1 : (want > 0 ? want : 1);
    }
  }
}
