// FakeTemperature: a hil::sensors::TemperatureDriver for tests. ReadTemperature() only records
// the request (BUSY if one is already pending, or the result set by set_read_result);
// Finish() completes it with a value or an error. Completable: Complete(c) fails with FAIL when
// c % 8 == 7, else reads the signed value (c >> 3) - 0x8000 (-327.68 °C .. +327.67 °C and up).
#ifndef TOCKPP_HIL_TESTING_FAKE_TEMPERATURE_H_
#define TOCKPP_HIL_TESTING_FAKE_TEMPERATURE_H_

#include <cstdint>
#include <utility>

#include "hil/sensors.h"
#include "hil/testing/completable.h"

namespace tock::hil::testing {

class FakeTemperature final : public sensors::TemperatureDriver, public Completable {
 public:
  void SetClient(sensors::TemperatureClient& client) override { client_ = &client; }
  Result<void> ReadTemperature() override {
    if (!read_result_.ok()) {
      return read_result_;
    }
    if (pending_) {
      return ErrorCode::kBusy;
    }
    pending_ = true;
    ++reads_;
    return Result<void>::Ok();
  }

  // --- test controls ---
  bool pending() const { return pending_; }
  uint32_t reads() const { return reads_; }
  void set_read_result(Result<void> r) { read_result_ = r; }
  // Completes the pending reading with `value` (hundredths of °C) or an error. False if none.
  bool Finish(Result<int32_t> value) {
    if (!pending_ || client_ == nullptr) {
      return false;
    }
    pending_ = false;
    client_->TemperatureDone(std::move(value));
    return true;
  }

  // Completable
  bool HasPending() const override { return pending_; }
  void Complete(uint32_t choice) override {
    if (choice % 8 == 7) {
      static_cast<void>(Finish(ErrorCode::kFail));
    } else {
      static_cast<void>(Finish(static_cast<int32_t>(choice >> 3) - 0x8000));
    }
  }

 private:
  sensors::TemperatureClient* client_ = nullptr;
  bool pending_ = false;
  uint32_t reads_ = 0;
  Result<void> read_result_;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_TEMPERATURE_H_
