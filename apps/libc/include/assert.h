/* assert.h for Tock apps (apps/libc). A failed assert prints newlib's message on stderr
 * (assertion "EXPR" failed: file "F", line N, function: FN) and calls abort() (exit code 1).
 * Deliberately without an include guard: NDEBUG may change between inclusions.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __assert_func(__FILE__, __LINE__, __func__, #expr))
#endif

#ifndef TOCKPP_APPS_LIBC_INCLUDE_ASSERT_H_
#define TOCKPP_APPS_LIBC_INCLUDE_ASSERT_H_

#ifdef __cplusplus
extern "C" {
#endif
void __assert_func(const char* file, int line, const char* func, const char* expr)
    __attribute__((noreturn));
void __assert(const char* file, int line, const char* expr) __attribute__((noreturn));
#ifdef __cplusplus
}
#endif
#if !defined(__cplusplus) && __STDC_VERSION__ >= 201112L
#define static_assert _Static_assert
#endif
#endif  // TOCKPP_APPS_LIBC_INCLUDE_ASSERT_H_
