// Temperature driver through the kernel harness with FakeTemperature, wired by the generic
// DriverComponent as boards do: one reading per request, a negative value as a two's-complement
// word, one reading shared by two apps, the sensor's start error returned (and not left busy),
// a failed reading retried by the next command.
#include "capsules/temperature/temperature_driver.h"

#include <gtest/gtest.h>

#include "capsules/components/driver_component.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_temperature.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeTemperature;

constexpr uint32_t kDrv = TemperatureDriver::kDriverNum;

class TemperatureDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, component.driver()).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  FakeTemperature sensor;
  ScopedHarness h = MakeHarness();
  components::DriverComponent<TemperatureDriver> component{sensor, h->kernel, h->memory_cap};
  ProcessId a, b;
};

TEST_F(TemperatureDriverTest, ExistsAndUnknownCommandIsNoSupport) {
  EXPECT_EQ(kDrv, 0x60000u);
  EXPECT_STREQ(components::DriverComponent<TemperatureDriver>::kName, "temperature");
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 2, 0, 0), ErrorCode::kNoSupport);
  EXPECT_EQ(sensor.reads(), 0u);
}

TEST_F(TemperatureDriverTest, ReadingIsDeliveredOnceAsUpcallZero) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  EXPECT_TRUE(sensor.pending());
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  ASSERT_TRUE(sensor.Finish(2150));
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{2150, 0, 0}));
  // A second reading needs a second request.
  EXPECT_FALSE(sensor.pending());
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ASSERT_TRUE(sensor.Finish(-1234));
  up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(static_cast<int32_t>((*up)[0]), -1234);
  EXPECT_EQ(sensor.reads(), 2u);
}

TEST_F(TemperatureDriverTest, OneReadingServesEveryWaitingAppButNotOthers) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));  // in flight already: waits for it
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));  // asking twice still gives one upcall
  EXPECT_EQ(sensor.reads(), 1u);
  ASSERT_TRUE(sensor.Finish(-500));
  auto ua = TakeUpcall(*h, a, kDrv, 0);
  auto ub = TakeUpcall(*h, b, kDrv, 0);
  ASSERT_TRUE(ua.has_value() && ub.has_value());
  EXPECT_EQ((*ua)[0], static_cast<uint32_t>(-500));
  EXPECT_EQ((*ub)[0], static_cast<uint32_t>(-500));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  // b did not ask this time: only a hears about the next reading.
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ASSERT_TRUE(sensor.Finish(100));
  EXPECT_TRUE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_FALSE(TakeUpcall(*h, b, kDrv, 0).has_value());
}

TEST_F(TemperatureDriverTest, StartErrorIsReturnedAndDoesNotWedgeTheDriver) {
  sensor.set_read_result(ErrorCode::kOff);
  ExpectFailure(h->Command(a, kDrv, 1, 0, 0), ErrorCode::kOff);
  sensor.set_read_result(Result<void>::Ok());
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));
  EXPECT_TRUE(sensor.pending());
  ASSERT_TRUE(sensor.Finish(42));
  EXPECT_TRUE(TakeUpcall(*h, b, kDrv, 0).has_value());
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());  // its request had failed
}

TEST_F(TemperatureDriverTest, FailedReadingGivesNoUpcallAndTheNextRequestReadsAgain) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ASSERT_TRUE(sensor.Finish(ErrorCode::kFail));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));  // starts a new reading; a still waits
  EXPECT_EQ(sensor.reads(), 2u);
  ASSERT_TRUE(sensor.Finish(7));
  EXPECT_TRUE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_TRUE(TakeUpcall(*h, b, kDrv, 0).has_value());
}

TEST_F(TemperatureDriverTest, NoAllowsAndOnlySubscribeZero) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  EXPECT_EQ(h->Subscribe(a, kDrv, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 0), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
