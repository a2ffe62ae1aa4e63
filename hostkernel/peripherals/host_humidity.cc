// The humidity sensor on tockd: HostHumidity (a hil::sensors::HumidityDriver whose reading is
// set from outside, settable_reading.h) wired into the host board as a BoardExtension next to
// the humidity capsule (0x60001, DriverComponent). Controls: `humidity` replies
// "humidity <centi-%>", `humidity set N` sets it (hundredths of a percent); state line
// "humidity N"; event "humidity read N" per completed reading. Host-only; loop thread only.
#include <cstdint>

#include "capsules/components/driver_component.h"
#include "capsules/humidity/humidity_driver.h"
#include "hil/sensors.h"
#include "hostkernel/board/host_board_context.h"
#include "hostkernel/peripherals/settable_reading.h"

namespace tock::hostkernel {
namespace {

class HostHumidity final : public ::tock::hil::sensors::HumidityDriver {
 public:
  explicit HostHumidity(Reactor& reactor)
      : reading(reactor, "humidity", "CENTI_PERCENT", "hundredths of a percent", 5000) {}

  void SetClient(::tock::hil::sensors::HumidityClient& client) override { client_ = &client; }
  ::tock::Result<void> ReadHumidity() override {
    return reading.Start([this](int32_t value) {
      if (client_ != nullptr) {
        client_->HumidityDone(static_cast<uint32_t>(value));
      }
    });
  }

  SettableReading reading;

 private:
  ::tock::hil::sensors::HumidityClient* client_ = nullptr;
};

struct HumidityParts {
  explicit HumidityParts(HostBoardContext& board)
      : sensor(board.reactor), component(sensor, board.kernel, board.memory_cap) {}
  HostHumidity sensor;
  ::tock::capsules::components::DriverComponent<::tock::capsules::HumidityDriver> component;
};

void WireHumidity(HostBoardContext& board) {
  auto& parts = board.Make<HumidityParts>(board);
  board.registrar.Add(parts.component);
  board.Check("humidity", parts.sensor.reading.RegisterControls(board.registry));
}

const HostBoardExtension kHumidity("humidity", WireHumidity);

}  // namespace
}  // namespace tock::hostkernel
