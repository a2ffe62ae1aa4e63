/* IPC benchmark service ("ipc_bench_service"): answers every notify at once with a notify
 * back; a buffer starting with 'q' is the last request (it answers, then exits). */
#include <stdbool.h>

#include "libtock/kernel/ipc.h"
#include "libtock/tock.h"

static bool quit = false;

static void on_request(int client, int len, int buf, void* ud) {
  (void)ud;
  const char* data = (const char*)buf;
  if (len > 0 && data[0] == 'q') quit = true;
  (void)ipc_notify_client((size_t)client);
}

int main(void) {
  if (ipc_register_service_callback("ipc_bench_service", on_request, NULL) != RETURNCODE_SUCCESS) {
    return 1;
  }
  while (!quit) yield();
  return 0;
}
