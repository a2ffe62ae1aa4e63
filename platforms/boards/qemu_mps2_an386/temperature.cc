// The QEMU board's temperature sensor (driver 0x60000): the MPS2 has none and QEMU models none,
// so a simulated one whose every reading is 21.50 °C (fixed_reading.h: delivered from a deferred
// call). Linked in as a board extension (board_context.h): main.cc does not name it.
#include <cstdint>

#include "capsules/components/driver_component.h"
#include "capsules/temperature/temperature_driver.h"
#include "hil/sensors.h"
#include "platforms/boards/qemu_mps2_an386/board_context.h"
#include "platforms/boards/qemu_mps2_an386/fixed_reading.h"

namespace tock::boards::qemu_mps2_an386 {
namespace {

class FixedTemperature final : public hil::sensors::TemperatureDriver,
                               public FixedReading<FixedTemperature> {
 public:
  static constexpr int32_t kCentiCelsius = 2150;
  void SetClient(hil::sensors::TemperatureClient& client) override { client_ = &client; }
  Result<void> ReadTemperature() override { return Start(); }
  void Deliver() {
    if (client_ != nullptr) {
      client_->TemperatureDone(kCentiCelsius);
    }
  }

 private:
  hil::sensors::TemperatureClient* client_ = nullptr;
};

FixedTemperature sensor;

void WireTemperature(QemuBoardContext& board) {
  static capsules::components::DriverComponent<capsules::TemperatureDriver> driver(
      sensor, board.kernel, board.mem_cap);
  board.registrar.Add(driver);
}

const QemuBoardExtension kTemperature("temperature", WireTemperature);

}  // namespace
}  // namespace tock::boards::qemu_mps2_an386
