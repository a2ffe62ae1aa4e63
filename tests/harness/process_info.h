// ProcessInfo: one process as tockd's control socket describes it (`ps`, `ps -v`,
// `inspect APP`; format in hostkernel/control/README.md), parsed into fields so tests can
// assert on state, restarts, memory map, grants, pending upcalls and allows. Pure parsing.
#ifndef TOCKPP_TESTS_HARNESS_PROCESS_INFO_H_
#define TOCKPP_TESTS_HARNESS_PROCESS_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::harness {

struct ProcessInfo {
  struct Region {
    uint32_t start = 0;
    uint32_t length = 0;
  };
  struct Memory {
    Region flash;
    Region ram;
    uint32_t app_break = 0;
    Region grant;
  };
  struct Grant {
    uint32_t driver = 0;
    uint32_t bytes = 0;
  };
  struct Upcall {
    uint32_t driver = 0;
    uint32_t subscribe = 0;
    std::vector<uint32_t> args;
  };
  struct Allow {
    std::string kind;  // ro, rw, userspace
    uint32_t driver = 0;
    uint32_t number = 0;
    uint32_t address = 0;
    uint32_t length = 0;
  };

  int id = -1;
  std::string name;
  std::string state;  // e.g. running, yielded, faulted, stopped(yielded)
  int restarts = 0;
  uint64_t syscalls = 0;
  std::optional<Memory> memory;  // verbose forms only
  std::vector<Grant> grants;
  std::vector<Upcall> upcalls;
  std::vector<Allow> allows;

  // Bytes of grant memory this process holds for `driver` (0 if none listed).
  uint32_t GrantBytes(uint32_t driver) const;
  uint32_t TotalGrantBytes() const;
};

// Parses the item lines of `ps`, `ps -v` or `inspect APP`. Unknown detail lines are skipped
// (the format may grow); a malformed known line is an error naming it.
absl::StatusOr<std::vector<ProcessInfo>> ParseProcessInfo(const std::vector<std::string>& lines);

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_PROCESS_INFO_H_
