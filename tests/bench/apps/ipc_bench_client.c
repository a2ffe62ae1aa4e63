/* IPC benchmark client: IPC_ROUND_TRIPS notify round trips client -> ipc_bench_service ->
 * client, sharing IPC_BUFFER_BYTES (copied into the service's window and back each time on
 * tockd), then a last 'q' request that makes the service exit. */
#include <stdbool.h>

#include "libtock/kernel/ipc.h"
#include "libtock/tock.h"

#ifndef IPC_ROUND_TRIPS
#define IPC_ROUND_TRIPS 20000
#endif
#ifndef IPC_BUFFER_BYTES
#define IPC_BUFFER_BYTES 64
#endif

static char buffer[IPC_BUFFER_BYTES] __attribute__((aligned(64)));
static bool answered = false;

static void on_answer(int service, int len, int buf, void* ud) {
  (void)service;
  (void)len;
  (void)buf;
  (void)ud;
  answered = true;
}

static int round_trip(size_t service) {
  answered = false;
  int rc = ipc_notify_service(service);
  if (rc != RETURNCODE_SUCCESS) return rc;
  yield_for(&answered);
  return RETURNCODE_SUCCESS;
}

int main(void) {
  size_t service = 0;
  int rc = RETURNCODE_ENODEVICE;
  for (int tries = 0; tries < 1000 && rc != RETURNCODE_SUCCESS; ++tries) {
    rc = ipc_discover("ipc_bench_service", &service);
    if (rc != RETURNCODE_SUCCESS) yield_no_wait();
  }
  if (rc != RETURNCODE_SUCCESS) return 1;
  /* Wait until the service has subscribed: its first answer. */
  if (ipc_register_client_callback(service, on_answer, NULL) != RETURNCODE_SUCCESS) return 1;
  if (ipc_share(service, buffer, sizeof(buffer)) != RETURNCODE_SUCCESS) return 1;
  buffer[0] = 'r';
  for (int i = 0; i < IPC_ROUND_TRIPS; ++i) {
    if (round_trip(service) != RETURNCODE_SUCCESS) return 1;
  }
  buffer[0] = 'q';
  return round_trip(service) == RETURNCODE_SUCCESS ? 0 : 1;
}
