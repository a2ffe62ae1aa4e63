// The host board's wiring; see host_board.h for the parts list.
#include "hostkernel/board/host_board.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

// The process console's `panic` command: the kernel panics, tockd exits non-zero.
void PanicFromProcessConsole(const char* message) {
  spdlog::critical("kernel panic from the process console: {}", message);
  std::fflush(stdout);
  std::_Exit(3);
}

}  // namespace

HostBoard::HostBoard(Reactor& reactor, HostClock& clock, HostUart& console,
                     ::tock::hil::flash::Flash& flash, PeripheralRegistry& registry,
                     const HostBoardConfig& config)
    : num_processes_(std::clamp<size_t>(config.max_processes, 1, kMaxProcessSlots)),
      processes_(std::make_unique<tock::Process[]>(num_processes_)),
      hosts_(std::make_unique<HostProcess[]>(num_processes_)),
      kernel_(std::span<tock::Process>(processes_.get(), num_processes_), drivers_,
              config.timeslice_us),
      alarm_(clock),
      entropy_(reactor, config.seed),
      led_list_{&leds_.led(0), &leds_.led(1), &leds_.led(2), &leds_.led(3)},
      button_pins_{buttons_.descriptors()[0], buttons_.descriptors()[1], buttons_.descriptors()[2],
                   buttons_.descriptors()[3]},
      gpio_list_{&gpio_pins_.pin(0), &gpio_pins_.pin(1), &gpio_pins_.pin(2), &gpio_pins_.pin(3),
                 &gpio_pins_.pin(4), &gpio_pins_.pin(5), &gpio_pins_.pin(6), &gpio_pins_.pin(7)},
      uart_mux_(console),
      flash_mux_(flash),
      storage_(nvm_pages_, kernel_, memory_cap_, /*userspace_start=*/0, kNvmStorageBytes),
      kv_(kv_pages_, kernel_, memory_cap_),
      isolated_(isolated_pages_, kernel_, memory_cap_),
      process_console_(uart_mux_.mux(), kernel_, management_cap_, main_loop_cap_,
                       &PanicFromProcessConsole) {
  static_assert(kNumLeds == 4 && kNumButtons == 4 && kNumGpioPins == 8,
                "update the initializer lists above");
  RegisterDrivers();
  WireControlsAndExtensions(reactor, clock, registry);
  switch (config.process_console) {
    case HostBoardConfig::ProcessConsoleMode::kActive:
      process_console_.Start();
      break;
    case HostBoardConfig::ProcessConsoleMode::kHibernated:
      process_console_.StartHibernated();
      break;
    case HostBoardConfig::ProcessConsoleMode::kOff:
      break;
  }
}

void HostBoard::RegisterDrivers() {
  registrar_.Add(alarm_driver_);
  registrar_.Add(console_);
  registrar_.Add(led_driver_);
  registrar_.Add(button_driver_);
  registrar_.Add(gpio_driver_);
  registrar_.Add(rng_);
  registrar_.Add(lld_);
  registrar_.Add(storage_);
  registrar_.Add(kv_);
  registrar_.Add(isolated_);
  if (!kv_.mount_status().ok() || !isolated_.mount_status().ok()) {
    registrar_.Fail("storage", "cannot read the storage's flash pages");
  }
}

void HostBoard::WireControlsAndExtensions(Reactor& reactor, HostClock& clock,
                                          PeripheralRegistry& registry) {
  HostBoardContext context{.kernel = kernel_,
                           .memory_cap = memory_cap_,
                           .registrar = registrar_,
                           .reactor = reactor,
                           .clock = clock,
                           .registry = registry,
                           .parts = extension_parts_};
  context.Check("LEDs", leds_.RegisterControls(registry));
  context.Check("buttons", buttons_.RegisterControls(registry));
  context.Check("GPIO pins", gpio_pins_.RegisterControls(registry));
  HostBoardExtension::WireAll(context);
}

absl::Status HostBoard::wiring_status() const {
  if (registrar_.ok()) {
    return absl::OkStatus();
  }
  return absl::InternalError(std::string("board wiring: ") + registrar_.error());
}

}  // namespace tock::hostkernel
