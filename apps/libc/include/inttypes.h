/* inttypes.h for Tock apps (apps/libc): printf/scanf length prefixes for <stdint.h> types.
 * int32_t is `int` on x32 and `long` on arm-none-eabi; 64-bit types are `long long` on both.
 */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_INTTYPES_H_
#define TOCKPP_APPS_LIBC_INCLUDE_INTTYPES_H_

#include <stdint.h>

#if defined(__arm__)
#define __TOCK_PRI32 "l"
#else
#define __TOCK_PRI32 ""
#endif
#define __TOCK_PRI64 "ll"

#define PRId8 "d"
#define PRIi8 "i"
#define PRIu8 "u"
#define PRIo8 "o"
#define PRIx8 "x"
#define PRIX8 "X"
#define PRId16 "d"
#define PRIi16 "i"
#define PRIu16 "u"
#define PRIo16 "o"
#define PRIx16 "x"
#define PRIX16 "X"
#define PRId32 __TOCK_PRI32 "d"
#define PRIi32 __TOCK_PRI32 "i"
#define PRIu32 __TOCK_PRI32 "u"
#define PRIo32 __TOCK_PRI32 "o"
#define PRIx32 __TOCK_PRI32 "x"
#define PRIX32 __TOCK_PRI32 "X"
#define PRId64 __TOCK_PRI64 "d"
#define PRIi64 __TOCK_PRI64 "i"
#define PRIu64 __TOCK_PRI64 "u"
#define PRIo64 __TOCK_PRI64 "o"
#define PRIx64 __TOCK_PRI64 "x"
#define PRIX64 __TOCK_PRI64 "X"

#define PRIdLEAST8 PRId8
#define PRIuLEAST8 PRIu8
#define PRIxLEAST8 PRIx8
#define PRIdLEAST16 PRId16
#define PRIuLEAST16 PRIu16
#define PRIxLEAST16 PRIx16
#define PRIdLEAST32 PRId32
#define PRIuLEAST32 PRIu32
#define PRIxLEAST32 PRIx32
#define PRIdLEAST64 PRId64
#define PRIuLEAST64 PRIu64
#define PRIxLEAST64 PRIx64
/* fast8 is `signed char` on x32 and `int` on Arm: both print with plain d/u/x. */
#define PRIdFAST8 "d"
#define PRIuFAST8 "u"
#define PRIxFAST8 "x"
#define PRIdFAST16 "d"
#define PRIuFAST16 "u"
#define PRIxFAST16 "x"
#define PRIdFAST32 "d"
#define PRIuFAST32 "u"
#define PRIxFAST32 "x"
#define PRIdFAST64 PRId64
#define PRIuFAST64 PRIu64
#define PRIxFAST64 PRIx64

#define PRIdMAX "lld"
#define PRIiMAX "lli"
#define PRIuMAX "llu"
#define PRIoMAX "llo"
#define PRIxMAX "llx"
#define PRIXMAX "llX"
#define PRIdPTR "d"
#define PRIiPTR "i"
#define PRIuPTR "u"
#define PRIoPTR "o"
#define PRIxPTR "x"
#define PRIXPTR "X"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  intmax_t quot;
  intmax_t rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t v);
intmax_t strtoimax(const char* s, char** end, int base);
uintmax_t strtoumax(const char* s, char** end, int base);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_INTTYPES_H_
