/* unistd.h for Tock apps (apps/libc): the program break over memop brk (0) / sbrk (1), and
 * _exit. No file descriptors.
 */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_UNISTD_H_
#define TOCKPP_APPS_LIBC_INCLUDE_UNISTD_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifdef __cplusplus
extern "C" {
#endif

/* Moves the break by `increment`; the old break, or (void*)-1 with errno = ENOMEM. */
void* sbrk(ptrdiff_t increment);
/* Sets the break; 0, or -1 with errno = ENOMEM. */
int brk(void* addr);
void _exit(int status) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_UNISTD_H_
