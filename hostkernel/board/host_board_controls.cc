// RegisterHostControls: the board's LEDs, buttons, GPIO pins and temperature sensor, each
// registering itself.
#include "hostkernel/board/host_board_controls.h"

namespace tock::hostkernel {

absl::Status RegisterHostControls(HostBoard& board, PeripheralRegistry& registry) {
  if (absl::Status s = board.leds().RegisterControls(registry); !s.ok()) {
    return s;
  }
  if (absl::Status s = board.buttons().RegisterControls(registry); !s.ok()) {
    return s;
  }
  if (absl::Status s = board.gpio().RegisterControls(registry); !s.ok()) {
    return s;
  }
  return board.temperature().RegisterControls(registry);
}

}  // namespace tock::hostkernel
