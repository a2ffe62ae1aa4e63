// The QEMU board's humidity sensor (driver 0x60001): simulated, every reading 45.50 %
// (fixed_reading.h: delivered from a deferred call). A board extension (board_context.h).
#include <cstdint>

#include "capsules/components/driver_component.h"
#include "capsules/humidity/humidity_driver.h"
#include "hil/sensors.h"
#include "platforms/boards/qemu_mps2_an386/board_context.h"
#include "platforms/boards/qemu_mps2_an386/fixed_reading.h"

namespace tock::boards::qemu_mps2_an386 {
namespace {

class FixedHumidity final : public hil::sensors::HumidityDriver,
                            public FixedReading<FixedHumidity> {
 public:
  static constexpr uint32_t kCentiPercent = 4550;
  void SetClient(hil::sensors::HumidityClient& client) override { client_ = &client; }
  Result<void> ReadHumidity() override { return Start(); }
  void Deliver() {
    if (client_ != nullptr) {
      client_->HumidityDone(kCentiPercent);
    }
  }

 private:
  hil::sensors::HumidityClient* client_ = nullptr;
};

FixedHumidity sensor;

void WireHumidity(QemuBoardContext& board) {
  static capsules::components::DriverComponent<capsules::HumidityDriver> driver(
      sensor, board.kernel, board.mem_cap);
  board.registrar.Add(driver);
}

const QemuBoardExtension kHumidity("humidity", WireHumidity);

}  // namespace
}  // namespace tock::boards::qemu_mps2_an386
