// FakeHumidity: a hil::sensors::HumidityDriver for tests. ReadHumidity() records the request
// (BUSY while one is pending); Finish() completes it with a value or an error. Completable:
// Complete(c) fails with FAIL when c % 8 == 7, else reads (c >> 3) % 10001 (0.00 .. 100.00 %).
#ifndef TOCKPP_HIL_TESTING_FAKE_HUMIDITY_H_
#define TOCKPP_HIL_TESTING_FAKE_HUMIDITY_H_

#include <cstdint>
#include <utility>

#include "hil/sensors.h"
#include "hil/testing/completable.h"

namespace tock::hil::testing {

class FakeHumidity final : public sensors::HumidityDriver, public Completable {
 public:
  void SetClient(sensors::HumidityClient& client) override { client_ = &client; }
  Result<void> ReadHumidity() override {
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
  // Completes the pending reading (hundredths of a percent) or fails it. False if none.
  bool Finish(Result<uint32_t> value) {
    if (!pending_ || client_ == nullptr) {
      return false;
    }
    pending_ = false;
    client_->HumidityDone(std::move(value));
    return true;
  }

  // Completable
  bool HasPending() const override { return pending_; }
  void Complete(uint32_t choice) override {
    if (choice % 8 == 7) {
      static_cast<void>(Finish(ErrorCode::kFail));
    } else {
      static_cast<void>(Finish((choice >> 3) % 10001));
    }
  }

 private:
  sensors::HumidityClient* client_ = nullptr;
  bool pending_ = false;
  uint32_t reads_ = 0;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_HUMIDITY_H_
