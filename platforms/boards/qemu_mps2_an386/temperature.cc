// The QEMU board's temperature sensor (driver 0x60000): the MPS2 has none and QEMU models none,
// so a simulated one whose every reading is 21.50 °C, completed through a deferred call
// (split-phase, as a real sensor's interrupt would be), never from inside the request. Linked in
// as a board extension (board_context.h): main.cc does not name it.
#include <cstdint>

#include "capsules/components/driver_component.h"
#include "capsules/temperature/temperature_driver.h"
#include "hil/sensors.h"
#include "kernel/deferred_call.h"
#include "platforms/boards/qemu_mps2_an386/board_context.h"

namespace tock::boards::qemu_mps2_an386 {
namespace {

class FixedTemperature final : public hil::sensors::TemperatureDriver, public DeferredCallClient {
 public:
  static constexpr int32_t kCentiCelsius = 2150;
  FixedTemperature() { deferred_.RegisterClient(*this); }
  void SetClient(hil::sensors::TemperatureClient& client) override { client_ = &client; }
  Result<void> ReadTemperature() override {
    if (pending_) {
      return ErrorCode::kBusy;
    }
    pending_ = true;
    deferred_.Set();
    return Result<void>::Ok();
  }
  void HandleDeferredCall() override {
    pending_ = false;
    if (client_ != nullptr) {
      client_->TemperatureDone(kCentiCelsius);
    }
  }

 private:
  DeferredCall deferred_;
  hil::sensors::TemperatureClient* client_ = nullptr;
  bool pending_ = false;
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
