// The host board: everything tockd's kernel is wired to, in one place, read like a parts list
// (in the style of a Tock board's main.rs built from components). Peripherals are the host
// implementations of the HILs (hostkernel/peripherals); the capsules and virtualizers are the
// same portable sources the Cortex-M boards wire. Trusted: makes the kernel's capabilities.
#ifndef TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_
#define TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/button/button_driver.h"
#include "capsules/console/console.h"
#include "capsules/gpio/gpio_driver.h"
#include "capsules/led/led_driver.h"
#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/nonvolatile_storage/nonvolatile_storage_driver.h"
#include "capsules/nonvolatile_storage/nonvolatile_to_pages.h"
#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_console/process_console.h"
#include "capsules/rng/rng_driver.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/flash.h"
#include "hil/time.h"
#include "hostkernel/peripherals/host_alarm.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/peripherals/seeded_entropy.h"
#include "hostkernel/process/host_process.h"
#include "kernel/capabilities.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/kernel.h"
#include "kernel/process.h"

namespace tockpp::hostkernel {

// Process slots (--max-processes): 8 by default, like upstream's nRF52840-DK board; at most
// kMaxProcessSlots. Each slot costs kernel memory whether used or not (hostkernel/README.md).
inline constexpr size_t kDefaultProcessSlots = 8;
inline constexpr size_t kMaxProcessSlots = 256;

struct HostBoardConfig {
  // Size of the process table, 1..kMaxProcessSlots (the constructor clamps into that range).
  size_t max_processes = kDefaultProcessSlots;
  uint32_t timeslice_us = tock::kDefaultTimesliceUs;
  uint64_t seed = 0;  // entropy seed (--seed)
  // Upstream's shell on the console UART (--process-console): active (prompt, echo), hibernated
  // (obeys only console-start) or off.
  enum class ProcessConsoleMode { kActive, kHibernated, kOff };
  ProcessConsoleMode process_console = ProcessConsoleMode::kActive;
};

class HostBoard {
 public:
  static constexpr size_t kNumLeds = 4;
  static constexpr size_t kNumButtons = 4;
  static constexpr size_t kNumGpioPins = 8;
  using Ticks = ::tock::hil::time::Ticks32;

  // Nonvolatile storage for apps (driver 0x50001): the first kStorageBytes of the flash.
  static constexpr size_t kFlashPageSize = 4096;
  static constexpr size_t kStorageBytes = 64 * 1024;

  // `console` carries the console, kernel debug output and the process console; `flash` backs
  // the apps' nonvolatile storage (--flash-file), pages of kFlashPageSize.
  HostBoard(Reactor& reactor, HostClock& clock, HostUart& console, ::tock::hil::flash::Flash& flash,
            const HostBoardConfig& config);
  HostBoard(const HostBoard&) = delete;
  HostBoard& operator=(const HostBoard&) = delete;

  tock::Kernel& kernel() { return kernel_; }
  // One HostProcess per slot of kernel().processes(), same index.
  std::span<HostProcess> hosts() { return {hosts_.get(), num_processes_}; }
  size_t max_processes() const { return num_processes_; }
  HostLeds& leds() { return leds_; }
  HostButtons& buttons() { return buttons_; }
  HostGpioBank& gpio() { return gpio_pins_; }
  // The hardware alarm has a deadline set (some capsule waits for time to pass).
  bool alarm_armed() const { return alarm_.IsArmed(); }
  // Some app waits for console input.
  bool console_read_pending() const { return console_.read_in_progress(); }
  // Console input the console capsule received but no app got (its reader exited, a line
  // error, a buffer shrunk mid-read); tockd logs increases.
  uint64_t console_dropped_input_bytes() const { return console_.dropped_input_bytes(); }

  const tock::MainLoopCapability& main_loop_cap() const { return main_loop_cap_; }
  const tock::ProcessManagementCapability& management_cap() const { return management_cap_; }
  const tock::DeferredCallCapability& deferred_call_cap() const { return deferred_call_cap_; }

 private:
  // Capabilities (this board is trusted).
  tock::MainLoopCapability main_loop_cap_ = tock::CapabilityFactory::MainLoop();
  tock::ProcessManagementCapability management_cap_ = tock::CapabilityFactory::ProcessManagement();
  tock::MemoryAllocationCapability memory_cap_ = tock::CapabilityFactory::MemoryAllocation();
  tock::DeferredCallCapability deferred_call_cap_ = tock::CapabilityFactory::DeferredCall();

  // Kernel: process table, one hosted platform per slot (sized at start), driver table.
  size_t num_processes_;
  std::unique_ptr<tock::Process[]> processes_;
  std::unique_ptr<HostProcess[]> hosts_;
  tock::DriverTable<16> drivers_;
  tock::Kernel kernel_;

  // Peripherals (host implementations of the HILs).
  HostAlarm<Ticks> alarm_;
  HostLeds leds_{kNumLeds};
  HostButtons buttons_{kNumButtons};
  HostGpioBank gpio_pins_{"gpio", kNumGpioPins};
  SeededEntropy entropy_;

  // Virtualizers: one UART shared by whole lines, one alarm shared by many clients.
  std::array<uint8_t, 64> uart_mux_rx_{};
  tock::capsules::MuxUart uart_mux_;
  tock::capsules::UartDevice console_uart_{uart_mux_};
  tock::capsules::UartDevice debug_uart_{uart_mux_};
  tock::capsules::MuxAlarm<Ticks> alarm_mux_;
  tock::capsules::VirtualMuxAlarm<Ticks> alarm_driver_alarm_{alarm_mux_};

  // Capsules (syscall drivers) and their grants.
  tock::capsules::AlarmDriver<Ticks>::GrantType alarm_grant_;
  tock::capsules::AlarmDriver<Ticks> alarm_driver_;
  std::array<uint8_t, 256> console_tx_{};
  std::array<uint8_t, 64> console_rx_{};
  tock::capsules::Console::GrantType console_grant_;
  tock::capsules::Console console_;
  std::array<tock::hil::led::Led*, kNumLeds> led_list_{};
  tock::capsules::LedDriver led_driver_;
  tock::hil::button::ButtonPin button_pins_[kNumButtons];
  tock::capsules::ButtonDriver::GrantType button_grant_;
  tock::capsules::StaticButtonDriver<kNumButtons> button_driver_;
  tock::hil::gpio::InterruptPin* gpio_list_[kNumGpioPins] = {};
  tock::capsules::GpioDriver::GrantType gpio_grant_;
  tock::capsules::StaticGpioDriver<kNumGpioPins> gpio_driver_;
  tock::capsules::RngDriver::GrantType rng_grant_;
  tock::capsules::RngDriver rng_driver_;
  std::array<uint8_t, 96> lld_buffer_{};
  tock::capsules::LowLevelDebug::GrantType lld_grant_;
  tock::capsules::LowLevelDebug lld_;

  // Nonvolatile storage for apps on the file-backed flash.
  std::array<uint8_t, kFlashPageSize> nv_page_buffer_{};
  tock::capsules::NonvolatileToPages nv_pages_;
  std::array<uint8_t, 512> nv_buffer_{};
  tock::capsules::NonvolatileStorageDriver::GrantType nv_grant_;
  tock::capsules::NonvolatileStorageDriver nv_driver_;

  // The process console shares the console UART (whole lines) with the apps and the kernel.
  tock::capsules::UartDevice process_console_uart_{uart_mux_};
  tock::capsules::KernelProcessManagement process_management_;
  tock::capsules::ProcessConsole process_console_;
};

}  // namespace tockpp::hostkernel

#endif  // TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_
