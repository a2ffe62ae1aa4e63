// ProcessIntrospection: what the control socket (`ps`, `ps -v`, `inspect`, `stop`, `start`,
// `restart`) needs from the kernel, as plain host-side data. Implemented by the lead's tockd
// wiring over the kernel's process table; faked in tests. Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_PROCESS_INTROSPECTION_H_
#define TOCKPP_HOSTKERNEL_CONTROL_PROCESS_INTROSPECTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {

struct GrantUsage {
  uint32_t driver = 0;
  uint32_t bytes = 0;
};

struct PendingUpcall {
  uint32_t driver = 0;
  uint32_t subscribe_number = 0;
  uint32_t args[3] = {0, 0, 0};
};

struct AllowedBuffer {
  std::string kind;  // "ro", "rw" or "userspace"
  uint32_t driver = 0;
  uint32_t number = 0;
  uint32_t address = 0;
  uint32_t length = 0;
};

struct ProcessInfo {
  uint32_t id = 0;    // the kernel's process identifier
  std::string name;   // TBF package name
  std::string state;  // lower-case, e.g. running, yielded, stopped, faulted, terminated
  uint32_t restart_count = 0;
  uint64_t syscall_count = 0;
  uint32_t short_id = 0;            // AppID ShortId (kernel/app_id.h); 0 = LocallyUnique
  std::string credential = "none";  // what the load check accepted: none, hash or signed
  // Memory map (app addresses). grant_start..ram_start+ram_size is kernel-owned.
  uint32_t flash_start = 0;
  uint32_t flash_size = 0;
  uint32_t ram_start = 0;
  uint32_t ram_size = 0;
  uint32_t app_break = 0;
  uint32_t grant_start = 0;
  uint32_t grant_size = 0;
  // Filled only when details were asked for (ps -v, inspect).
  std::vector<GrantUsage> grants;
  std::vector<PendingUpcall> pending_upcalls;
  std::vector<AllowedBuffer> allowed_buffers;
};

class ProcessIntrospection {
 public:
  virtual ~ProcessIntrospection() = default;

  // Every process, in the kernel's order; `details` asks for grants/upcalls/allows too.
  virtual std::vector<ProcessInfo> ListProcesses(bool details) = 0;
  // One process with details; `app` is its name (implementations may also accept the id).
  virtual std::optional<ProcessInfo> FindProcess(absl::string_view app) = 0;
  // Errors become the control reply "error: <message>".
  virtual absl::Status StopProcess(absl::string_view app) = 0;
  virtual absl::Status StartProcess(absl::string_view app) = 0;
  virtual absl::Status RestartProcess(absl::string_view app) = 0;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_PROCESS_INTROSPECTION_H_
