// QemuBoardContext: what a driver linked into the QEMU MPS2-AN386 board gets to wire itself
// with (capsules/components/board_extension.h). main.cc builds one after its own components and
// calls QemuBoardExtension::WireAll; a capsule's wiring is then one file beside main.cc that the
// board's BUILD globs into its alwayslink `extensions` library (temperature.cc is the example).
// Deferred calls need nothing here: a DeferredCall constructed as a static takes its slot before
// main(), and main.cc checks DeferredCall::AllRegistered() after WireAll.
//
// Wiring (an extension's file):
//   void WireThing(QemuBoardContext& board) {
//     static ThingComponent thing(sensor, board.kernel, board.mem_cap);
//     board.registrar.Add(thing);  // a failure stops the boot with a panic naming the driver
//   }
//   const QemuBoardExtension kThing("thing", WireThing);
#ifndef TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_BOARD_CONTEXT_H_
#define TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_BOARD_CONTEXT_H_

#include <cstddef>

#include "capsules/components/board_extension.h"
#include "capsules/components/driver_registrar.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::boards::qemu_mps2_an386 {

// Driver table entries (CoreParts' default): the board's own 7 drivers leave 9 for extensions.
inline constexpr size_t kNumDrivers = 16;

struct QemuBoardContext {
  Kernel& kernel;
  const MemoryAllocationCapability& mem_cap;
  capsules::components::DriverRegistrar<kNumDrivers>& registrar;
};

using QemuBoardExtension = capsules::components::BoardExtension<QemuBoardContext>;

}  // namespace tock::boards::qemu_mps2_an386

#endif  // TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_BOARD_CONTEXT_H_
