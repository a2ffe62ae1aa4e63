// The parts every tockpp Cortex-M board wires the same way, as the host board does in
// hostkernel/board: the kernel and its process slots, one UART shared through the UART mux by
// the console and low-level debug drivers, one alarm shared through the alarm mux by the alarm
// driver, and the flash app loader. A board declares one CoreParts static next to its chip
// and adds the drivers for its own peripherals. Trusted: mints the memory capability.
#ifndef PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_
#define PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_

#include <cstddef>
#include <cstdint>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/console/console.h"
#include "capsules/driver_numbers.h"
#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "platforms/arch/cortex_m/app_memory_allocator.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/boards/common/flash_app_loader.h"

namespace tockpp::boards {

template <typename TicksT, size_t kNumProcs, size_t kNumDrivers = 16>
class CoreParts {
 public:
  CoreParts(tock::hil::uart::Uart& uart, tock::hil::time::Alarm<TicksT>& alarm)
      : mux_uart_(uart, mux_rx_), mux_alarm_(alarm) {}
  CoreParts(const CoreParts&) = delete;
  CoreParts& operator=(const CoreParts&) = delete;

  tock::Kernel& kernel() { return kernel_; }
  tock::DriverTable<kNumDrivers>& drivers() { return drivers_; }
  const tock::MemoryAllocationCapability& mem_cap() const { return mem_cap_; }
  // The console UART's mux, for a board's further devices on it (the process console).
  tock::capsules::MuxUart& mux_uart() { return mux_uart_; }

  // Console (0x1), low-level debug (0x8) and alarm (0x0) into the driver table.
  void RegisterCoreDrivers() {
    Register(tock::capsules::Console::kDriverNum, console_);
    Register(tock::capsules::LowLevelDebug::kDriverNum, lld_);
    Register(tock::capsules::driver_num::kAlarm, alarm_driver_);
  }

  // Adds a board driver; a full table or a number registered twice is a wiring mistake, so
  // boot stops there with a panic naming it instead of running without the driver.
  void Register(uint32_t driver_num, tock::SyscallDriver& driver) {
    if (!drivers_.Register(driver_num, driver).ok()) {
      cortex_m::Panic("driver table: cannot register a driver (table full or number taken)");
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
  using Console = tock::capsules::Console;
  using LowLevelDebug = tock::capsules::LowLevelDebug;
  using AlarmDriver = tock::capsules::AlarmDriver<TicksT>;

  const tock::MemoryAllocationCapability mem_cap_ = tock::CapabilityFactory::MemoryAllocation();

  // Kernel: process table, one Cortex-M platform object and TBF description per slot.
  tock::Process processes_[kNumProcs];
  cortex_m::CortexMProcess process_platforms_[kNumProcs];
  tock::TbfDescription tbfs_[kNumProcs];
  cortex_m::AppMemoryAllocator app_memory_{0, 0};
  tock::DriverTable<kNumDrivers> drivers_;
  tock::Kernel kernel_{processes_, drivers_};

  // One UART for console and low-level debug, shared by whole lines.
  uint8_t mux_rx_[64] = {};
  tock::capsules::MuxUart mux_uart_;
  tock::capsules::UartDevice console_uart_{mux_uart_};
  uint8_t console_tx_[64] = {};
  uint8_t console_rx_[64] = {};
  typename Console::GrantType console_grant_{kernel_, Console::kDriverNum, mem_cap_};
  Console console_{console_uart_, console_grant_, console_tx_, console_rx_};
  tock::capsules::UartDevice lld_uart_{mux_uart_};
  uint8_t lld_buffer_[LowLevelDebug::kBufferLen] = {};
  typename LowLevelDebug::GrantType lld_grant_{kernel_, LowLevelDebug::kDriverNum, mem_cap_};
  LowLevelDebug lld_{lld_uart_, lld_grant_, lld_buffer_};

  // One alarm, shared through the mux.
  tock::capsules::MuxAlarm<TicksT> mux_alarm_;
  tock::capsules::VirtualMuxAlarm<TicksT> driver_alarm_{mux_alarm_};
  typename AlarmDriver::GrantType alarm_grant_{kernel_, tock::capsules::driver_num::kAlarm,
                                               mem_cap_};
  AlarmDriver alarm_driver_{driver_alarm_, alarm_grant_};
};

}  // namespace tockpp::boards

#endif  // PLATFORMS_BOARDS_COMMON_CORE_PARTS_H_
