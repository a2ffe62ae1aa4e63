#include "ipc.h"

enum {
  IPC_COMMAND_DISCOVER = 1,
  IPC_COMMAND_NOTIFY_SERVICE = 2,
  IPC_COMMAND_NOTIFY_CLIENT = 3,
  IPC_ALLOW_SEARCH = 0,
};

int ipc_discover(const char* pkg_name, size_t* svc_id) {
  allow_ro_return_t shared =
      allow_readonly(IPC_DRIVER_NUM, IPC_ALLOW_SEARCH, pkg_name, strlen(pkg_name));
  if (!shared.success) return tock_status_to_returncode(shared.status);

  uint32_t id = 0;
  int rc = tock_command_return_u32_to_returncode(
      command(IPC_DRIVER_NUM, IPC_COMMAND_DISCOVER, 0, 0), &id);

  /* Give the name back: put whatever was allowed before in its place again. */
  allow_ro_return_t restored =
      allow_readonly(IPC_DRIVER_NUM, IPC_ALLOW_SEARCH, shared.ptr, shared.size);
  if (rc != RETURNCODE_SUCCESS) return rc;
  if (!restored.success) return tock_status_to_returncode(restored.status);
  *svc_id = id;
  return RETURNCODE_SUCCESS;
}

int ipc_register_service_callback(const char* pkg_name, subscribe_upcall callback, void* ud) {
  /* A service receives its notifications at its own id. */
  size_t self = 0;
  int rc = ipc_discover(pkg_name, &self);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return tock_subscribe_return_to_returncode(subscribe(IPC_DRIVER_NUM, self, callback, ud));
}

int ipc_register_client_callback(size_t svc_id, subscribe_upcall callback, void* ud) {
  return tock_subscribe_return_to_returncode(subscribe(IPC_DRIVER_NUM, svc_id, callback, ud));
}

int ipc_notify_service(size_t pid) {
  return tock_command_return_novalue_to_returncode(
      command(IPC_DRIVER_NUM, IPC_COMMAND_NOTIFY_SERVICE, (int)pid, 0));
}

int ipc_notify_client(size_t pid) {
  return tock_command_return_novalue_to_returncode(
      command(IPC_DRIVER_NUM, IPC_COMMAND_NOTIFY_CLIENT, (int)pid, 0));
}

int ipc_share(size_t pid, void* base, int len) {
  return tock_allow_rw_return_to_returncode(
      allow_readwrite(IPC_DRIVER_NUM, (uint32_t)pid, base, (size_t)len));
}
