/* sys/types.h for Tock apps (apps/libc): the few POSIX integer types apps name. */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_SYS_TYPES_H_
#define TOCKPP_APPS_LIBC_INCLUDE_SYS_TYPES_H_

#include <stddef.h>
#include <stdint.h>

typedef int ssize_t;
typedef long off_t;
typedef long long time_t;
typedef long suseconds_t;
typedef unsigned long useconds_t;
typedef int pid_t;
typedef unsigned long clock_t;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef unsigned short ushort;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

#endif  // TOCKPP_APPS_LIBC_INCLUDE_SYS_TYPES_H_
