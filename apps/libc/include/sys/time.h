/* sys/time.h for Tock apps (apps/libc): struct timeval (libtock's alarm fills one). The
 * library has no clock of its own; gettimeofday is declared for apps that define it.
 */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_SYS_TIME_H_
#define TOCKPP_APPS_LIBC_INCLUDE_SYS_TIME_H_

#include <sys/types.h>

struct timeval {
  time_t tv_sec;
  suseconds_t tv_usec;
};

struct timezone {
  int tz_minuteswest;
  int tz_dsttime;
};

#ifdef __cplusplus
extern "C" {
#endif
int gettimeofday(struct timeval* tv, void* tz);
#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_SYS_TIME_H_
