/* time.h for Tock apps (apps/libc): types only; there is no wall clock. */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_TIME_H_
#define TOCKPP_APPS_LIBC_INCLUDE_TIME_H_

#include <stddef.h>
#include <sys/types.h>

#define CLOCKS_PER_SEC 1000

struct timespec {
  time_t tv_sec;
  long tv_nsec;
};

struct tm {
  int tm_sec;
  int tm_min;
  int tm_hour;
  int tm_mday;
  int tm_mon;
  int tm_year;
  int tm_wday;
  int tm_yday;
  int tm_isdst;
};

#endif  // TOCKPP_APPS_LIBC_INCLUDE_TIME_H_
