// RegisterHostControls: puts every host peripheral of the board that the outside can drive or
// watch into a PeripheralRegistry (the control socket's commands, `status`, `watch` events and
// tockd's --trace read it from there). A new host peripheral adds one line here.
#ifndef TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTROLS_H_
#define TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTROLS_H_

#include "absl/status/status.h"
#include "hostkernel/board/host_board.h"
#include "hostkernel/peripherals/peripheral_registry.h"

namespace tock::hostkernel {

// Fails (boot must stop) if a name or command is registered twice.
absl::Status RegisterHostControls(HostBoard& board, PeripheralRegistry& registry);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_CONTROLS_H_
