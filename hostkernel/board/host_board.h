// The host board: everything tockd's kernel is wired to, in one place, read like a parts list
// (in the style of a Tock board's main.rs built from components). Peripherals are the host
// implementations of the HILs (hostkernel/peripherals); every capsule is wired by its component
// (capsules/components), the same code the Cortex-M boards use. After its own parts the board
// wires every BoardExtension<HostBoardContext> linked into the binary (host_board_context.h):
// a new sensor's host peripheral and driver come with its own file, not with an edit here.
// Trusted: makes the kernel's capabilities.
#ifndef TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_
#define TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "absl/status/status.h"
#include "capsules/components/alarm_driver_component.h"
#include "capsules/components/alarm_mux_component.h"
#include "capsules/components/button_component.h"
#include "capsules/components/console_component.h"
#include "capsules/components/driver_registrar.h"
#include "capsules/components/gpio_component.h"
#include "capsules/components/led_component.h"
#include "capsules/components/low_level_debug_component.h"
#include "capsules/components/nonvolatile_storage_component.h"
#include "capsules/components/process_console_component.h"
#include "capsules/components/rng_component.h"
#include "capsules/components/uart_mux_component.h"
#include "capsules/isolated_nonvolatile_storage/isolated_nvm_component.h"
#include "capsules/kv/kv_component.h"
#include "capsules/storage_permissions/tbf_storage_permissions.h"
#include "capsules/virtual_flash/virtual_flash.h"
#include "hil/flash.h"
#include "hil/time.h"
#include "hostkernel/board/host_board_context.h"
#include "hostkernel/peripherals/host_alarm.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/peripherals/seeded_entropy.h"
#include "hostkernel/process/host_process.h"
#include "kernel/capabilities.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/kernel.h"
#include "kernel/process.h"

namespace tock::hostkernel {

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

  // The flash (--flash-file, FLASH_FILE.md): kStorageBytes in pages of kFlashPageSize. The
  // first kNvmStorageBytes are the apps' nonvolatile storage (driver 0x50001), the next
  // kKvPages pages the KV store (driver 0x50003), the kIsolatedPages after them the isolated
  // nonvolatile storage (driver 0x50004).
  static constexpr size_t kFlashPageSize = 4096;
  static constexpr size_t kNvmStorageBytes = size_t{64} * 1024;
  static constexpr size_t kKvPages = 32;
  static constexpr size_t kIsolatedPages = 32;
  static constexpr size_t kStorageBytes =
      kNvmStorageBytes + (kKvPages + kIsolatedPages) * kFlashPageSize;

  // `console` carries the console, kernel debug output and the process console; `flash` backs
  // the apps' nonvolatile storage and KV store (--flash-file), pages of kFlashPageSize. The board's
  // peripherals (its LEDs, buttons, GPIO pins and every extension's) put their controls into
  // `registry`, which must outlive the board's use of them (tockd: the control socket).
  HostBoard(Reactor& reactor, HostClock& clock, HostUart& console, ::tock::hil::flash::Flash& flash,
            PeripheralRegistry& registry, const HostBoardConfig& config);
  HostBoard(const HostBoard&) = delete;
  HostBoard& operator=(const HostBoard&) = delete;

  // OK when every driver went into the driver table and every peripheral's controls into the
  // registry; otherwise one line naming the first failure ("board wiring: cannot register
  // driver 0x1 (console): number already registered", "board wiring: cannot wire temperature:
  // ..."). tockd must not boot a board that is not OK.
  absl::Status wiring_status() const;

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
  bool console_read_pending() const { return console_.driver().read_in_progress(); }
  // Console input the console capsule received but no app got (its reader exited, a line
  // error, a buffer shrunk mid-read); tockd logs increases.
  uint64_t console_dropped_input_bytes() const { return console_.driver().dropped_input_bytes(); }

  const tock::MainLoopCapability& main_loop_cap() const { return main_loop_cap_; }
  const tock::ProcessManagementCapability& management_cap() const { return management_cap_; }
  const tock::DeferredCallCapability& deferred_call_cap() const { return deferred_call_cap_; }

 private:
  using UartMux = tock::capsules::components::UartMuxComponent<>;
  using Console = tock::capsules::components::ConsoleComponent<>;
  using LowLevelDebug = tock::capsules::components::LowLevelDebugComponent;
  using AlarmMux = tock::capsules::components::AlarmMuxComponent<Ticks>;
  using AlarmDriver = tock::capsules::components::AlarmDriverComponent<Ticks>;
  using Leds = tock::capsules::components::LedComponent<kNumLeds>;
  using Buttons = tock::capsules::components::ButtonComponent<kNumButtons>;
  using Gpio = tock::capsules::components::GpioComponent<kNumGpioPins>;
  using Rng = tock::capsules::components::RngComponent;
  using Storage = tock::capsules::components::NonvolatileStorageComponent<kFlashPageSize>;
  using Kv = tock::capsules::components::KvComponent<kFlashPageSize, kKvPages,
                                                     tock::capsules::TbfStoragePermissions>;
  using Isolated =
      tock::capsules::components::IsolatedNvmComponent<kFlashPageSize, kIsolatedPages,
                                                       tock::capsules::TbfStoragePermissions>;
  using ProcessConsole = tock::capsules::components::ProcessConsoleComponent;

  // Every driver the apps can reach, by upstream driver number.
  void RegisterDrivers();
  // The board's own peripherals' controls (LEDs, buttons, GPIO pins), then every extension.
  void WireControlsAndExtensions(Reactor& reactor, HostClock& clock, PeripheralRegistry& registry);

  // Capabilities (this board is trusted).
  tock::MainLoopCapability main_loop_cap_ = tock::CapabilityFactory::MainLoop();
  tock::ProcessManagementCapability management_cap_ = tock::CapabilityFactory::ProcessManagement();
  tock::MemoryAllocationCapability memory_cap_ = tock::CapabilityFactory::MemoryAllocation();
  tock::DeferredCallCapability deferred_call_cap_ = tock::CapabilityFactory::DeferredCall();

  // Kernel: process table, one hosted platform per slot (sized at start), driver table.
  size_t num_processes_;
  std::unique_ptr<tock::Process[]> processes_;
  std::unique_ptr<HostProcess[]> hosts_;
  tock::DriverTable<kHostDriverSlots> drivers_;
  HostDriverRegistrar registrar_{drivers_};
  tock::Kernel kernel_;

  // Peripherals (host implementations of the HILs) and the lists the components take.
  HostAlarm<Ticks> alarm_;
  HostLeds leds_{kNumLeds};
  HostButtons buttons_{kNumButtons};
  HostGpioBank gpio_pins_{"gpio", kNumGpioPins};
  SeededEntropy entropy_;
  tock::hil::led::Led* led_list_[kNumLeds] = {};
  tock::hil::button::ButtonPin button_pins_[kNumButtons];
  tock::hil::gpio::InterruptPin* gpio_list_[kNumGpioPins] = {};

  // One UART shared by whole lines (console, low-level debug, process console); one alarm
  // shared by many clients.
  UartMux uart_mux_;
  Console console_{uart_mux_.mux(), kernel_, memory_cap_};
  LowLevelDebug lld_{uart_mux_.mux(), kernel_, memory_cap_};
  AlarmMux alarm_mux_{alarm_};
  AlarmDriver alarm_driver_{alarm_mux_.mux(), kernel_, memory_cap_};

  // The board's own peripherals.
  Leds led_driver_{led_list_};
  Buttons button_driver_{button_pins_, kernel_, memory_cap_};
  Gpio gpio_driver_{gpio_list_, kernel_, memory_cap_};
  Rng rng_{entropy_, kernel_, memory_cap_};
  // The file-backed flash, shared: nonvolatile storage for apps in its first
  // kNvmStorageBytes, the KV store in the kKvPages after them, then isolated storage.
  tock::capsules::MuxFlash flash_mux_;
  tock::capsules::FlashUser nvm_pages_{flash_mux_, 0, kNvmStorageBytes / kFlashPageSize};
  tock::capsules::FlashUser kv_pages_{flash_mux_, kNvmStorageBytes / kFlashPageSize, kKvPages};
  tock::capsules::FlashUser isolated_pages_{
      flash_mux_, kNvmStorageBytes / kFlashPageSize + kKvPages, kIsolatedPages};
  Storage storage_;
  Kv kv_;
  Isolated isolated_;

  // Upstream's shell on the console UART, next to the apps and the kernel.
  ProcessConsole process_console_;

  // What the BoardExtensions made (their peripherals and components); destroyed first.
  HostBoardParts extension_parts_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_BOARD_HOST_BOARD_H_
