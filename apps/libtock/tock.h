/* libtock: the raw Tock 2.x system call API for C apps (TRD104), upstream libtock-c names.
 *
 * Freestanding C11, no libc. Everything here goes through the one per-target backend
 * (libtock/arch/<target>/syscall.c, see arch/syscall_backend.h); nothing else may trap.
 */
#ifndef TOCKPP_APPS_LIBTOCK_TOCK_H_
#define TOCKPP_APPS_LIBTOCK_TOCK_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Upcall signature: three driver values plus the userdata given to subscribe. */
typedef void(subscribe_upcall)(int, int, int, void*);

/* Return variant codes in r0 (TRD104 §4). */
typedef enum {
  TOCK_SYSCALL_FAILURE = 0,
  TOCK_SYSCALL_FAILURE_U32 = 1,
  TOCK_SYSCALL_FAILURE_U32_U32 = 2,
  TOCK_SYSCALL_FAILURE_U64 = 3,
  TOCK_SYSCALL_SUCCESS = 128,
  TOCK_SYSCALL_SUCCESS_U32 = 129,
  TOCK_SYSCALL_SUCCESS_U32_U32 = 130,
  TOCK_SYSCALL_SUCCESS_U64 = 131,
  TOCK_SYSCALL_SUCCESS_U32_U32_U32 = 132,
  TOCK_SYSCALL_SUCCESS_U32_U64 = 133,
} syscall_rtype_t;

/* C-style result: 0 success, -(ErrorCode) on failure. */
typedef enum {
  RETURNCODE_SUCCESS = 0,
  RETURNCODE_FAIL = -1,
  RETURNCODE_EBUSY = -2,
  RETURNCODE_EALREADY = -3,
  RETURNCODE_EOFF = -4,
  RETURNCODE_ERESERVE = -5,
  RETURNCODE_EINVAL = -6,
  RETURNCODE_ESIZE = -7,
  RETURNCODE_ECANCEL = -8,
  RETURNCODE_ENOMEM = -9,
  RETURNCODE_ENOSUPPORT = -10,
  RETURNCODE_ENODEVICE = -11,
  RETURNCODE_EUNINSTALLED = -12,
  RETURNCODE_ENOACK = -13,
  RETURNCODE_EBADRVAL = -1024,
} returncode_t;

/* The kernel's StatusCode: 0 success, otherwise the ErrorCode value. */
typedef enum {
  TOCK_STATUSCODE_SUCCESS = 0,
  TOCK_STATUSCODE_FAIL = 1,
  TOCK_STATUSCODE_BUSY = 2,
  TOCK_STATUSCODE_ALREADY = 3,
  TOCK_STATUSCODE_OFF = 4,
  TOCK_STATUSCODE_RESERVE = 5,
  TOCK_STATUSCODE_INVAL = 6,
  TOCK_STATUSCODE_SIZE = 7,
  TOCK_STATUSCODE_CANCEL = 8,
  TOCK_STATUSCODE_NOMEM = 9,
  TOCK_STATUSCODE_NOSUPPORT = 10,
  TOCK_STATUSCODE_NODEVICE = 11,
  TOCK_STATUSCODE_UNINSTALLED = 12,
  TOCK_STATUSCODE_NOACK = 13,
} statuscode_t;

/* Command's return: r0 is the variant, r1..r3 the values. */
typedef struct {
  syscall_rtype_t type;
  uint32_t data[3];
} syscall_return_t;

typedef struct {
  bool success;
  subscribe_upcall* callback; /* previous (on success) or the one passed (on failure) */
  void* userdata;
  statuscode_t status;
} subscribe_return_t;

typedef struct {
  bool success;
  void* ptr; /* previous buffer (on success) or the one passed (on failure) */
  size_t size;
  statuscode_t status;
} allow_rw_return_t;

typedef struct {
  bool success;
  const void* ptr;
  size_t size;
  statuscode_t status;
} allow_ro_return_t;

typedef struct {
  bool success;
  void* ptr;
  size_t size;
  statuscode_t status;
} allow_userspace_r_return_t;

typedef struct {
  statuscode_t status;
  uintptr_t data; /* only meaningful when status is TOCK_STATUSCODE_SUCCESS */
} memop_return_t;

/* Yield-WaitFor resumes with the awaited upcall's three arguments. */
typedef struct {
  uint32_t data0;
  uint32_t data1;
  uint32_t data2;
} yield_waitfor_return_t;

/* Syscall class numbers (TRD104 §2). */
#define TOCK_SYSCALL_CLASS_YIELD 0u
#define TOCK_SYSCALL_CLASS_SUBSCRIBE 1u
#define TOCK_SYSCALL_CLASS_COMMAND 2u
#define TOCK_SYSCALL_CLASS_ALLOW_RW 3u
#define TOCK_SYSCALL_CLASS_ALLOW_RO 4u
#define TOCK_SYSCALL_CLASS_MEMOP 5u
#define TOCK_SYSCALL_CLASS_EXIT 6u
#define TOCK_SYSCALL_CLASS_ALLOW_URO 7u

/* Pass as the upcall to unsubscribe. */
#define TOCK_NULL_UPCALL 0

/* ---- conversions ----
 * Each command conversion accepts exactly one success variant plus the plain Failure variant;
 * any other variant yields RETURNCODE_EBADRVAL (the values are then left untouched).
 */
returncode_t tock_status_to_returncode(statuscode_t status);
int tock_command_return_novalue_to_returncode(syscall_return_t ret);
int tock_command_return_u32_to_returncode(syscall_return_t ret, uint32_t* value);
int tock_command_return_u32_u32_to_returncode(syscall_return_t ret, uint32_t* value1,
                                              uint32_t* value2);
/* Success-u64: the low word is data[0], the high word data[1]. */
int tock_command_return_u64_to_returncode(syscall_return_t ret, uint64_t* value);
int tock_subscribe_return_to_returncode(subscribe_return_t ret);
int tock_allow_rw_return_to_returncode(allow_rw_return_t ret);
int tock_allow_ro_return_to_returncode(allow_ro_return_t ret);
int tock_allow_userspace_r_return_to_returncode(allow_userspace_r_return_t ret);

/* ---- yield (class 0) ---- */
/* Blocks until one upcall has run. */
void yield(void);
/* Runs one pending upcall if there is one; returns 1 if it did, 0 otherwise. */
int yield_no_wait(void);
/* Blocks until the (driver, subscribe) upcall is scheduled; runs no function. */
yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe);
/* Yields until *cond becomes true (set by an upcall). */
void yield_for(bool* cond);

/* ---- exit (class 6) ---- */
void tock_exit(uint32_t completion_code) __attribute__((noreturn));
void tock_restart(uint32_t completion_code) __attribute__((noreturn));

/* ---- subscribe, command, allow (classes 1, 2, 3, 4, 7) ---- */
__attribute__((warn_unused_result)) subscribe_return_t subscribe(uint32_t driver,
                                                                 uint32_t subscribe,
                                                                 subscribe_upcall uc,
                                                                 void* userdata);
__attribute__((warn_unused_result)) syscall_return_t command(uint32_t driver, uint32_t command,
                                                             int arg1, int arg2);
__attribute__((warn_unused_result)) allow_rw_return_t allow_readwrite(uint32_t driver,
                                                                      uint32_t allow, void* ptr,
                                                                      size_t size);
__attribute__((warn_unused_result)) allow_ro_return_t allow_readonly(uint32_t driver,
                                                                     uint32_t allow,
                                                                     const void* ptr, size_t size);
__attribute__((warn_unused_result)) allow_userspace_r_return_t allow_userspace_read(uint32_t driver,
                                                                                    uint32_t allow,
                                                                                    void* ptr,
                                                                                    size_t size);

/* ---- memop (class 5) ---- */
memop_return_t memop(uint32_t op_type, uintptr_t arg1);
void* tock_app_memory_begins_at(void);
void* tock_app_memory_ends_at(void);
void* tock_app_flash_begins_at(void);
void* tock_app_flash_ends_at(void);
void* tock_app_grant_begins_at(void);
int tock_app_number_writeable_flash_regions(void);
void* tock_app_writeable_flash_region_begins_at(int region_index);
void* tock_app_writeable_flash_region_ends_at(int region_index);

/* True if command 0 of `driver` returns any success variant. */
bool driver_exists(uint32_t driver);

const char* tock_strerr(statuscode_t status);
const char* tock_strrcode(returncode_t returncode);

/* Test helper: if `expected` != `actual`, prints where and both values, then exits with 1. */
void tock_expect(int expected, int actual, const char* file, unsigned line);
#define TOCK_EXPECT(_e, _a) tock_expect((_e), (_a), __FILE__, __LINE__)

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_TOCK_H_ */
