// The parts every tockpp Cortex-M board wires the same way, from the same components
// (capsules/components) as the host board in hostkernel/board: the kernel and its process
// slots, one UART shared through the UART mux by the console and low-level debug drivers, one
// alarm shared through the alarm mux by the alarm driver, and the flash app loader. A board
// declares one CoreParts static next to its chip and registers the components for its own
// peripherals with Register. Trusted: mints the memory capability.
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_

#include <cstddef>
#include <cstdint>

#include "capsules/components/alarm_driver_component.h"
#include "capsules/components/alarm_mux_component.h"
#include "capsules/components/console_component.h"
#include "capsules/components/driver_registrar.h"
#include "capsules/components/low_level_debug_component.h"
#include "capsules/components/uart_mux_component.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "platforms/arch/cortex_m/app_memory_allocator.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/boards/common/flash_app_loader.h"

namespace tock::boards {

template <typename TicksT, size_t kNumProcs, size_t kNumDrivers = 16>
class CoreParts {
 public:
  CoreParts(tock::hil::uart::Uart& uart, tock::hil::time::Alarm<TicksT>& alarm)
      : uart_mux_(uart), alarm_mux_(alarm) {}
  CoreParts(const CoreParts&) = delete;
  CoreParts& operator=(const CoreParts&) = delete;

  tock::Kernel& kernel() { return kernel_; }
  tock::DriverTable<kNumDrivers>& drivers() { return drivers_; }
  const tock::MemoryAllocationCapability& mem_cap() const { return mem_cap_; }
  // Where a board's extensions (capsules/components/board_extension.h) register their drivers;
  // the board checks it with CheckWiring() after wiring them.
  tock::capsules::components::DriverRegistrar<kNumDrivers>& registrar() { return registrar_; }
  // The console UART's mux, for a board's further devices on it (the process console).
  tock::capsules::MuxUart& mux_uart() { return uart_mux_.mux(); }

  // Console (0x1), low-level debug (0x8) and alarm (0x0) into the driver table.
  void RegisterCoreDrivers() {
    Register(console_);
    Register(lld_);
    Register(alarm_driver_);
  }

  // Adds a component's driver; a full table or a number registered twice is a wiring mistake,
  // so boot stops there with a panic naming the driver instead of running without it.
  template <typename Component>
  void Register(Component& component) {
    if (!registrar_.Add(component)) {
      cortex_m::Panic(registrar_.error());
    }
  }

  // Panics naming the first driver that could not be registered through registrar().
  void CheckWiring() const {
    if (!registrar_.ok()) {
      cortex_m::Panic(registrar_.error());
    }
  }

  // Loads the TBFs stored in [apps_start, apps_end), with process RAM from
  // [app_ram_start, app_ram_end). Every grant must exist before this call.
  LoadReport LoadApps(uint32_t apps_start, uint32_t apps_end, uint32_t app_ram_start,
                      uint32_t app_ram_end, const tock::FaultPolicy& policy, LoadLog log) {
    app_memory_ = cortex_m::AppMemoryAllocator(app_ram_start, app_ram_end);
    const auto pm_cap = tock::CapabilityFactory::ProcessManagement();
    return LoadFlashApps(apps_start, apps_end, kernel_, app_memory_, process_platforms_, tbfs_,
                         policy, pm_cap, log);
  }

 private:
  using UartMux = tock::capsules::components::UartMuxComponent<>;
  using Console = tock::capsules::components::ConsoleComponent<>;
  using LowLevelDebug = tock::capsules::components::LowLevelDebugComponent;
  using AlarmMux = tock::capsules::components::AlarmMuxComponent<TicksT>;
  using AlarmDriver = tock::capsules::components::AlarmDriverComponent<TicksT>;

  const tock::MemoryAllocationCapability mem_cap_ = tock::CapabilityFactory::MemoryAllocation();

  // Kernel: process table, one Cortex-M platform object and TBF description per slot.
  tock::Process processes_[kNumProcs];
  cortex_m::CortexMProcess process_platforms_[kNumProcs];
  tock::TbfDescription tbfs_[kNumProcs];
  cortex_m::AppMemoryAllocator app_memory_{0, 0};
  tock::DriverTable<kNumDrivers> drivers_;
  tock::capsules::components::DriverRegistrar<kNumDrivers> registrar_{drivers_};
  tock::Kernel kernel_{processes_, drivers_};

  // One UART for console and low-level debug, shared by whole lines.
  UartMux uart_mux_;
  Console console_{uart_mux_.mux(), kernel_, mem_cap_};
  LowLevelDebug lld_{uart_mux_.mux(), kernel_, mem_cap_};

  // One alarm, shared through the mux.
  AlarmMux alarm_mux_;
  AlarmDriver alarm_driver_{alarm_mux_.mux(), kernel_, mem_cap_};
};

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_
