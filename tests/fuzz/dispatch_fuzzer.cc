// Fuzz target: the kernel's dispatch layer alone. Three processes (restart, stop and
// threshold-restart fault policies) and only the harness's GrantProbe reference driver, so
// every finding is the kernel's: syscall decoding, subscribe/allow/memop/exit/yield, grant
// allocation, upcall queueing and delivery, restarts.
#include "tests/fuzz/fuzz_harness.h"

namespace {

struct DispatchBoard {
  explicit DispatchBoard(tock::fuzz::Harness&) {}
};

}  // namespace

TOCK_FUZZ_BOARD(DispatchBoard, tock::fuzz::HarnessOptions{.processes = 3})
