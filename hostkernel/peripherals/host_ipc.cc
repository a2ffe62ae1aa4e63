// IPC (driver 0x10000, kernel/ipc.h) on tockd, wired as a board extension: the driver, its
// grant and the kernel's IPC hooks. A buffer one app shares with another is copied into the
// receiver's IPC window (TOCK_HOST_IPC_WINDOW_ADDR, 16 KiB, in its channel memfd) for the
// upcall and back at its next system call (HostProcess::ipc_window; hostkernel/process/README.md
// says why a copy and not a mapping). Host-only; loop thread only.
#include <cstddef>

#include "hostkernel/board/host_board_context.h"
#include "kernel/ipc.h"

namespace tock::hostkernel {
namespace {

// Processes in slots 0..15 can be notified (a grant block of 8 B per slot twice, 272 B in each
// app that uses IPC); tockd's default table has 8 slots.
constexpr size_t kIpcProcesses = 16;
using HostIpc = ::tock::Ipc<kIpcProcesses>;

struct IpcParts {
  explicit IpcParts(HostBoardContext& board)
      : grant(board.kernel, HostIpc::kDriverNum, board.memory_cap), ipc(board.kernel, grant) {}
  HostIpc::GrantType grant;
  HostIpc ipc;
};

void WireIpc(HostBoardContext& board) {
  auto& parts = board.Make<IpcParts>(board);
  if (board.registrar.Add(HostIpc::kDriverNum, parts.ipc, "ipc")) {
    board.kernel.SetIpc(&parts.ipc);
  }
}

const HostBoardExtension kIpc("ipc", WireIpc);

}  // namespace
}  // namespace tock::hostkernel
