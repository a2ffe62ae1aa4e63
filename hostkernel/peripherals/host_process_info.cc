// The process info driver (0x10002, capsules/process_info) on tockd, as a BoardExtension: its
// view of the kernel is a KernelProcessManagement holding capabilities minted here (host board
// code is trusted). Upstream boards that include it are test and tutorial boards; tockd is
// one. A `fault` command on an app whose policy is panic panics the kernel (exit 3), as the
// process console's does. Host-only; loop thread only.
#include <cstdio>
#include <cstdlib>

#include "capsules/components/driver_component.h"
#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_info/process_info_driver.h"
#include "hostkernel/board/host_board_context.h"
#include "kernel/capability_factory.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

void PanicFromProcessInfo(const char* message) {
  spdlog::critical("kernel panic from the process info driver: {}", message);
  std::fflush(stdout);
  std::_Exit(3);
}

struct ProcessInfoParts {
  explicit ProcessInfoParts(HostBoardContext& board)
      : process_cap(CapabilityFactory::ProcessManagement()),
        loop_cap(CapabilityFactory::MainLoop()),
        management(board.kernel, process_cap, loop_cap, &PanicFromProcessInfo),
        component(management, board.kernel, board.memory_cap) {}
  const ProcessManagementCapability process_cap;
  const MainLoopCapability loop_cap;
  ::tock::capsules::KernelProcessManagement management;
  ::tock::capsules::components::DriverComponent<::tock::capsules::ProcessInfoDriver> component;
};

void WireProcessInfo(HostBoardContext& board) {
  auto& parts = board.Make<ProcessInfoParts>(board);
  board.registrar.Add(parts.component);
}

const HostBoardExtension kProcessInfo("process_info", WireProcessInfo);

}  // namespace
}  // namespace tock::hostkernel
