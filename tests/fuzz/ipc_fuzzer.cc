// Fuzz target: IPC (driver 0x10000, kernel/ipc.h) between the harness's three processes
// ("alpha", "beta", "gamma"): discovery from any read-only allow, notifies in both directions
// with any ids, shared buffers of any shape copied into and out of each GuardedPlatform's IPC
// window (guarded), interleaved with re-allows, restarts, faults and terminations.
#include "kernel/ipc.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using FuzzIpc = tock::Ipc<tock::fuzz::kMaxProcesses>;

struct IpcBoard {
  explicit IpcBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), FuzzIpc::kDriverNum, h.memory_cap()), ipc(h.kernel(), grant) {
    h.Register(FuzzIpc::kDriverNum, ipc);
    h.kernel().SetIpc(&ipc);
  }
  FuzzIpc::GrantType grant;
  FuzzIpc ipc;
};

}  // namespace

TOCK_FUZZ_BOARD(IpcBoard, tock::fuzz::HarnessOptions{.processes = 3})
