// The host board's wiring; see host_board.h for the parts list.
#include "hostkernel/board/host_board.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "spdlog/spdlog.h"

namespace tockpp::hostkernel {
namespace {

template <size_t N>
std::array<tock::hil::led::Led*, N> LedList(HostLeds& leds) {
  std::array<tock::hil::led::Led*, N> list{};
  for (size_t i = 0; i < N; ++i) {
    list[i] = &leds.led(i);
  }
  return list;
}

// The process console's `panic` command: the kernel panics, tockd exits non-zero.
void PanicFromProcessConsole(const char* message) {
  spdlog::critical("kernel panic from the process console: {}", message);
  std::fflush(stdout);
  std::_Exit(3);
}

}  // namespace

HostBoard::HostBoard(Reactor& reactor, HostClock& clock, HostUart& console,
                     ::tock::hil::flash::Flash& flash, const HostBoardConfig& config)
    : num_processes_(std::clamp<size_t>(config.max_processes, 1, kMaxProcessSlots)),
      processes_(std::make_unique<tock::Process[]>(num_processes_)),
      hosts_(std::make_unique<HostProcess[]>(num_processes_)),
      kernel_(std::span<tock::Process>(processes_.get(), num_processes_), drivers_,
              config.timeslice_us),
      alarm_(clock),
      entropy_(reactor, config.seed),
      uart_mux_(console, uart_mux_rx_),
      alarm_mux_(alarm_),
      alarm_grant_(kernel_, tock::capsules::driver_num::kAlarm, memory_cap_),
      alarm_driver_(alarm_driver_alarm_, alarm_grant_),
      console_grant_(kernel_, tock::capsules::driver_num::kConsole, memory_cap_),
      console_(console_uart_, console_grant_, console_tx_, console_rx_),
      led_list_(LedList<kNumLeds>(leds_)),
      led_driver_(led_list_),
      button_pins_{buttons_.descriptors()[0], buttons_.descriptors()[1], buttons_.descriptors()[2],
                   buttons_.descriptors()[3]},
      button_grant_(kernel_, tock::capsules::driver_num::kButton, memory_cap_),
      button_driver_(button_grant_, button_pins_),
      gpio_list_{&gpio_pins_.pin(0), &gpio_pins_.pin(1), &gpio_pins_.pin(2), &gpio_pins_.pin(3),
                 &gpio_pins_.pin(4), &gpio_pins_.pin(5), &gpio_pins_.pin(6), &gpio_pins_.pin(7)},
      gpio_grant_(kernel_, tock::capsules::driver_num::kGpio, memory_cap_),
      gpio_driver_(gpio_grant_, gpio_list_),
      rng_grant_(kernel_, tock::capsules::driver_num::kRng, memory_cap_),
      rng_driver_(entropy_, rng_grant_),
      lld_grant_(kernel_, tock::capsules::LowLevelDebug::kDriverNum, memory_cap_),
      lld_(debug_uart_, lld_grant_, lld_buffer_),
      nv_pages_(flash, nv_page_buffer_),
      nv_grant_(kernel_, tock::capsules::driver_num::kNvmStorage, memory_cap_),
      nv_driver_(nv_pages_, nv_grant_, /*userspace_start=*/0, kStorageBytes, nv_buffer_),
      process_management_(kernel_, management_cap_, main_loop_cap_, &PanicFromProcessConsole),
      process_console_(process_console_uart_, process_management_) {
  static_assert(kNumButtons == 4 && kNumGpioPins == 8, "update the initializer lists above");
  // Every driver the apps can reach, by upstream driver number.
  (void)drivers_.Register(tock::capsules::driver_num::kAlarm, alarm_driver_);
  (void)drivers_.Register(tock::capsules::driver_num::kConsole, console_);
  (void)drivers_.Register(tock::capsules::driver_num::kLed, led_driver_);
  (void)drivers_.Register(tock::capsules::driver_num::kButton, button_driver_);
  (void)drivers_.Register(tock::capsules::driver_num::kGpio, gpio_driver_);
  (void)drivers_.Register(tock::capsules::driver_num::kRng, rng_driver_);
  (void)drivers_.Register(tock::capsules::LowLevelDebug::kDriverNum, lld_);
  (void)drivers_.Register(tock::capsules::driver_num::kNvmStorage, nv_driver_);
  switch (config.process_console) {
    case HostBoardConfig::ProcessConsoleMode::kActive:
      process_console_.DisplayWelcome();
      process_console_.Start();
      break;
    case HostBoardConfig::ProcessConsoleMode::kHibernated:
      process_console_.StartHibernated();
      break;
    case HostBoardConfig::ProcessConsoleMode::kOff:
      break;
  }
}

}  // namespace tockpp::hostkernel
