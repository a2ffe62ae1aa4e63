// Humidity driver through the kernel harness with FakeHumidity, wired by DriverComponent as
// boards do: a reading per request as upcall 0, one reading shared by the apps waiting for it,
// a failed reading retried by the next request, unknown commands and allows refused.
#include "capsules/humidity/humidity_driver.h"

#include <gtest/gtest.h>

#include "capsules/components/driver_component.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_humidity.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeHumidity;

constexpr uint32_t kDrv = HumidityDriver::kDriverNum;

class HumidityDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, component.driver()).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  FakeHumidity sensor;
  ScopedHarness h = MakeHarness();
  components::DriverComponent<HumidityDriver> component{sensor, h->kernel, h->memory_cap};
  ProcessId a, b;
};

TEST_F(HumidityDriverTest, UpstreamNumberAndCommands) {
  EXPECT_EQ(kDrv, 0x60001u);
  EXPECT_STREQ(components::DriverComponent<HumidityDriver>::kName, "humidity");
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 2, 0, 0), ErrorCode::kNoSupport);
  EXPECT_EQ(sensor.reads(), 0u);
}

TEST_F(HumidityDriverTest, EachRequestGetsOneReading) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());  // not before the sensor answers
  ASSERT_TRUE(sensor.Finish(4550u));
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{4550, 0, 0}));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_FALSE(sensor.pending());
}

TEST_F(HumidityDriverTest, AppsWaitingShareTheReadingInFlight) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));
  EXPECT_EQ(sensor.reads(), 1u);
  ASSERT_TRUE(sensor.Finish(10000u));
  EXPECT_EQ((*TakeUpcall(*h, a, kDrv, 0))[0], 10000u);
  EXPECT_EQ((*TakeUpcall(*h, b, kDrv, 0))[0], 10000u);
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));
  ASSERT_TRUE(sensor.Finish(1u));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());  // a did not ask again
  EXPECT_TRUE(TakeUpcall(*h, b, kDrv, 0).has_value());
}

TEST_F(HumidityDriverTest, FailedReadingIsRetriedByTheNextRequest) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ASSERT_TRUE(sensor.Finish(ErrorCode::kFail));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  EXPECT_EQ(sensor.reads(), 2u);
  ASSERT_TRUE(sensor.Finish(3000u));
  EXPECT_EQ((*TakeUpcall(*h, a, kDrv, 0))[0], 3000u);
}

TEST_F(HumidityDriverTest, NoAllows) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 0), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
