// The temperature sensor on tockd, whole: HostTemperature (a hil::sensors::TemperatureDriver
// whose reading is set from outside), its controls, and its wiring into the host board as a
// BoardExtension next to the temperature capsule (0x60000, DriverComponent). Linking this file
// into tockd is all it takes (hostkernel/peripherals/README.md).
// A read completes later on the loop (Post, never re-entrant) with the value set at that moment.
// Controls: `temperature` replies "temperature <centi-°C>", `temperature set N` sets it
// (hundredths of a degree Celsius, may be negative); state line "temperature N"; event
// "temperature read N" per completed reading. Host-only; loop thread only.
#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "capsules/components/driver_component.h"
#include "capsules/temperature/temperature_driver.h"
#include "hil/sensors.h"
#include "hostkernel/board/host_board_context.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {
namespace {

class HostTemperature final : public ::tock::hil::sensors::TemperatureDriver {
 public:
  static constexpr int32_t kDefaultCentiCelsius = 2000;

  explicit HostTemperature(Reactor& reactor) : reactor_(reactor) {}

  void SetClient(::tock::hil::sensors::TemperatureClient& client) override { client_ = &client; }
  ::tock::Result<void> ReadTemperature() override {
    if (pending_) {
      return ::tock::ErrorCode::kBusy;
    }
    pending_ = true;
    reactor_.Post([this, token = guard_.token()] {
      if (token.expired()) {
        return;
      }
      pending_ = false;
      events_.Publish(absl::StrCat("temperature read ", centi_celsius_));
      if (client_ != nullptr) {
        client_->TemperatureDone(centi_celsius_);
      }
    });
    return ::tock::Result<void>::Ok();
  }

  absl::Status RegisterControls(PeripheralRegistry& registry) {
    events_ = registry.Events("temperature");
    auto state = [this](ReplyLines& out) {
      out.push_back(absl::StrCat("temperature ", centi_celsius_));
    };
    ControlCommand command{
        .name = "temperature",
        .usage = "temperature [set CENTI_CELSIUS]",
        .help = "the temperature sensor's reading in hundredths of a degree C; set it",
        .min_args = 0,
        .max_args = 2,
        .handler = [this, state](ControlArgs args, ReplyLines& out) -> absl::Status {
          if (!args.empty()) {
            int32_t value = 0;
            if (args.size() != 2 || args[0] != "set" || !absl::SimpleAtoi(args[1], &value)) {
              return UsageError("temperature [set CENTI_CELSIUS]");
            }
            centi_celsius_ = value;
          }
          state(out);
          return absl::OkStatus();
        }};
    return registry.Register(
        {.name = "temperature", .commands = {std::move(command)}, .state = state});
  }

 private:
  Reactor& reactor_;
  ::tock::hil::sensors::TemperatureClient* client_ = nullptr;
  int32_t centi_celsius_ = kDefaultCentiCelsius;
  bool pending_ = false;
  PeripheralRegistry::EventPublisher events_;
  LifetimeGuard guard_;
};

// The sensor and the syscall driver over it, owned by the board.
struct TemperatureParts {
  explicit TemperatureParts(HostBoardContext& board)
      : sensor(board.reactor), component(sensor, board.kernel, board.memory_cap) {}
  HostTemperature sensor;
  ::tock::capsules::components::DriverComponent<::tock::capsules::TemperatureDriver> component;
};

void WireTemperature(HostBoardContext& board) {
  auto& parts = board.Make<TemperatureParts>(board);
  board.registrar.Add(parts.component);
  board.Check("temperature", parts.sensor.RegisterControls(board.registry));
}

const HostBoardExtension kTemperature("temperature", WireTemperature);

}  // namespace
}  // namespace tock::hostkernel
