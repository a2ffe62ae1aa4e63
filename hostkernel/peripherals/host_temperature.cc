// The temperature sensor on tockd, whole: HostTemperature (a hil::sensors::TemperatureDriver
// whose reading is set from outside, settable_reading.h), and its wiring into the host board as
// a BoardExtension next to the temperature capsule (0x60000, DriverComponent). Linking this file
// into tockd is all it takes (hostkernel/peripherals/README.md).
// Controls: `temperature` replies "temperature <centi-°C>", `temperature set N` sets it
// (hundredths of a degree Celsius, may be negative); state line "temperature N"; event
// "temperature read N" per completed reading. Host-only; loop thread only.
#include <cstdint>

#include "capsules/components/driver_component.h"
#include "capsules/temperature/temperature_driver.h"
#include "hil/sensors.h"
#include "hostkernel/board/host_board_context.h"
#include "hostkernel/peripherals/settable_reading.h"

namespace tock::hostkernel {
namespace {

class HostTemperature final : public ::tock::hil::sensors::TemperatureDriver {
 public:
  explicit HostTemperature(Reactor& reactor)
      : reading(reactor, "temperature", "CENTI_CELSIUS", "hundredths of a degree C", 2000) {}

  void SetClient(::tock::hil::sensors::TemperatureClient& client) override { client_ = &client; }
  ::tock::Result<void> ReadTemperature() override {
    return reading.Start([this](int32_t value) {
      if (client_ != nullptr) {
        client_->TemperatureDone(value);
      }
    });
  }

  SettableReading reading;

 private:
  ::tock::hil::sensors::TemperatureClient* client_ = nullptr;
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
  board.Check("temperature", parts.sensor.reading.RegisterControls(board.registry));
}

const HostBoardExtension kTemperature("temperature", WireTemperature);

}  // namespace
}  // namespace tock::hostkernel
