// Alarm driver through the kernel harness on a VirtualMuxAlarm over a FakeAlarm: commands 0..6,
// stop -> ALREADY, two apps at once, 32-bit wrap, left-justified 24-bit counters.
#include "capsules/alarm/alarm_driver.h"

#include <gtest/gtest.h>

#include "capsules/testing/capsule_harness.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "hil/testing/fake_alarm.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeAlarm;
using hil::time::Ticks24;
using hil::time::Ticks32;

constexpr uint32_t kDrv = driver_num::kAlarm;
using Upcall = std::array<uint32_t, 3>;

template <typename TicksT>
class AlarmFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  FakeAlarm<TicksT> hw{32768, TicksT(1000)};
  MuxAlarm<TicksT> mux{hw};
  VirtualMuxAlarm<TicksT> valarm{mux};
  ScopedHarness h = MakeHarness();
  typename AlarmDriver<TicksT>::GrantType grant{h->kernel, kDrv, h->memory_cap};
  AlarmDriver<TicksT> driver{valarm, grant};
  ProcessId a, b;
};

using AlarmDriverTest = AlarmFixture<Ticks32>;
using AlarmDriver24Test = AlarmFixture<Ticks24>;

TEST_F(AlarmDriverTest, ExistsFrequencyNowAndUnsupported) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectSuccessU32(h->Command(a, kDrv, 1, 0, 0), 32768);
  ExpectSuccessU32(h->Command(a, kDrv, 2, 0, 0), 1000);
  ExpectFailure(h->Command(a, kDrv, 4, 5, 0), ErrorCode::kNoSupport);
  ExpectFailure(h->Command(a, kDrv, 7, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(AlarmDriverTest, StopWithoutAlarmIsAlready) {
  ExpectFailure(h->Command(a, kDrv, 3, 0, 0), ErrorCode::kAlready);
  ExpectSuccessU32(h->Command(a, kDrv, 5, 100, 0), 1100);
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 3, 0, 0), ErrorCode::kAlready);
  EXPECT_EQ(hw.Advance(1000), 0u);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
}

TEST_F(AlarmDriverTest, RelativeAlarmFiresAtExpirationWithNowAndExpiration) {
  ASSERT_EQ(h->Subscribe(a, kDrv, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccessU32(h->Command(a, kDrv, 5, 250, 0), 1250);
  hw.Advance(249);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  hw.Advance(1);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{1250, 1250, 0}));
  EXPECT_FALSE(hw.IsArmed());
}

TEST_F(AlarmDriverTest, AbsoluteAlarmWithReferenceInThePastFiresAtOnce) {
  ExpectSuccessU32(h->Command(a, kDrv, 6, 900, 50), 950);
  hw.Advance(0);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{1000, 950, 0}));
}

TEST_F(AlarmDriverTest, SecondArmReplacesTheFirst) {
  ExpectSuccessU32(h->Command(a, kDrv, 5, 100, 0), 1100);
  ExpectSuccessU32(h->Command(a, kDrv, 5, 50, 0), 1050);
  hw.Advance(500);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{1050, 1050, 0}));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
}

TEST_F(AlarmDriverTest, TwoAppsEachGetTheirOwnAlarm) {
  ExpectSuccessU32(h->Command(a, kDrv, 5, 300, 0), 1300);
  ExpectSuccessU32(h->Command(b, kDrv, 5, 100, 0), 1100);
  EXPECT_EQ(hw.GetAlarm().value(), 1100u);
  hw.Advance(150);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 0), (Upcall{1100, 1100, 0}));
  EXPECT_EQ(hw.GetAlarm().value(), 1300u);
  hw.Advance(200);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{1300, 1300, 0}));
}

TEST_F(AlarmDriverTest, StoppingOneAppLeavesTheOther) {
  ExpectSuccessU32(h->Command(a, kDrv, 5, 100, 0), 1100);
  ExpectSuccessU32(h->Command(b, kDrv, 5, 200, 0), 1200);
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 0));
  hw.Advance(300);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 0), (Upcall{1200, 1200, 0}));
}

TEST_F(AlarmDriverTest, CorrectAcross32BitWrap) {
  hw.SetNow(Ticks32(0xFFFFFF00));
  ExpectSuccessU32(h->Command(a, kDrv, 5, 0x200, 0), 0x100);
  ExpectSuccessU32(h->Command(b, kDrv, 6, 0xFFFFFF00, 0x80), 0xFFFFFF80);
  hw.Advance(0x7F);
  EXPECT_FALSE(TakeUpcall(*h, b, kDrv, 0).has_value());
  hw.Advance(1);
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 0), (Upcall{0xFFFFFF80, 0xFFFFFF80, 0}));
  hw.Advance(0x17F);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  hw.Advance(1);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{0x100, 0x100, 0}));
}

TEST_F(AlarmDriverTest, SubscribeBeyondCountIsNoSupport) {
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 0), ErrorCode::kNoSupport);
}

TEST_F(AlarmDriver24Test, TicksAndFrequencyAreLeftJustified) {
  ExpectSuccessU32(h->Command(a, kDrv, 1, 0, 0), 32768u << 8);
  ExpectSuccessU32(h->Command(a, kDrv, 2, 0, 0), 1000u << 8);
}

TEST_F(AlarmDriver24Test, RelativeDtIsRoundedUpNeverEarly) {
  // 0x101 left-justified ticks = 1.004 real ticks -> 2 ticks.
  ExpectSuccessU32(h->Command(a, kDrv, 5, 0x101, 0), (1000u + 2) << 8);
  hw.Advance(1);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  hw.Advance(1);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{1002u << 8, 1002u << 8, 0}));
}

TEST_F(AlarmDriver24Test, WrapOf24BitCounterLooksLike32BitWrap) {
  hw.SetNow(Ticks24(0xFFFFF0));
  ExpectSuccessU32(h->Command(a, kDrv, 2, 0, 0), 0xFFFFF000u);
  ExpectSuccessU32(h->Command(a, kDrv, 6, 0xFFFFF000u, 0x2000), 0x1000u);
  hw.Advance(0x1F);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  hw.Advance(1);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{0x1000, 0x1000, 0}));
}

TEST_F(AlarmDriverTest, AllowsAreNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
