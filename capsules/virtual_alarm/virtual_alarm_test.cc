// Virtual alarm mux: several clients on one FakeAlarm fire in expiration order at the exact
// tick, across 32-bit and 24-bit wrap, with re-arming and disarming from inside callbacks.
#include "capsules/virtual_alarm/virtual_alarm.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "hil/testing/fake_alarm.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeAlarm;
using hil::time::Ticks24;
using hil::time::Ticks32;

template <typename TicksT>
struct Recorder : hil::time::AlarmClient {
  Recorder(FakeAlarm<TicksT>& hw, std::vector<std::pair<int, uint32_t>>& log, int id)
      : hw(hw), log(log), id(id) {}
  void Alarm() override {
    log.emplace_back(id, hw.Now().value());
    if (on_fire) {
      on_fire();
    }
  }
  FakeAlarm<TicksT>& hw;
  std::vector<std::pair<int, uint32_t>>& log;
  int id;
  std::function<void()> on_fire;
};

class VirtualAlarm32Test : public ::testing::Test {
 protected:
  FakeAlarm<Ticks32> hw{32768, Ticks32(1000)};
  MuxAlarm<Ticks32> mux{hw};
  VirtualMuxAlarm<Ticks32> a{mux}, b{mux}, c{mux};
  std::vector<std::pair<int, uint32_t>> log;
  Recorder<Ticks32> ra{hw, log, 0}, rb{hw, log, 1}, rc{hw, log, 2};
  void SetUp() override {
    a.SetAlarmClient(ra);
    b.SetAlarmClient(rb);
    c.SetAlarmClient(rc);
  }
};

TEST_F(VirtualAlarm32Test, ClientsFireInExpirationOrderAtExactTicks) {
  a.SetAlarm(Ticks32(1000), Ticks32(300));
  b.SetAlarm(Ticks32(1000), Ticks32(100));
  c.SetAlarm(Ticks32(900), Ticks32(300));  // reference in the past: expires at 1200
  hw.Advance(1000);
  EXPECT_EQ(log, (std::vector<std::pair<int, uint32_t>>{{1, 1100}, {2, 1200}, {0, 1300}}));
  EXPECT_FALSE(hw.IsArmed());
  EXPECT_EQ(mux.armed_count(), 0u);
}

TEST_F(VirtualAlarm32Test, CorrectAcross32BitWrap) {
  hw.SetNow(Ticks32(0xFFFFFF00));
  a.SetAlarm(hw.Now(), Ticks32(0x200));  // expires at 0x100, after the wrap
  b.SetAlarm(hw.Now(), Ticks32(0x80));   // expires at 0xFFFFFF80, before the wrap
  hw.Advance(0x1000);
  EXPECT_EQ(log, (std::vector<std::pair<int, uint32_t>>{{1, 0xFFFFFF80u}, {0, 0x100u}}));
}

TEST_F(VirtualAlarm32Test, ExpirationBeforeWrapIsNotMistakenForLater) {
  // Reference just before the wrap with a dt that lands after it must not fire immediately.
  hw.SetNow(Ticks32(0xFFFFFFF0));
  a.SetAlarm(Ticks32(0xFFFFFFF0), Ticks32(0x20));
  EXPECT_EQ(hw.Advance(0x1F), 0u);
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(hw.Advance(1), 1u);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].second, 0x10u);
}

TEST_F(VirtualAlarm32Test, AlarmInThePastFiresSoon) {
  a.SetAlarm(Ticks32(10), Ticks32(5));
  EXPECT_EQ(hw.Advance(0), 1u);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].first, 0);
}

TEST_F(VirtualAlarm32Test, PeriodicRearmFromCallback) {
  ra.on_fire = [&] { a.SetAlarm(a.GetAlarm(), Ticks32(100)); };
  a.SetAlarm(hw.Now(), Ticks32(100));
  b.SetAlarm(hw.Now(), Ticks32(250));
  hw.Advance(400);
  EXPECT_EQ(log, (std::vector<std::pair<int, uint32_t>>{
                     {0, 1100}, {0, 1200}, {1, 1250}, {0, 1300}, {0, 1400}}));
  EXPECT_TRUE(a.IsArmed());
  EXPECT_EQ(a.GetAlarm().value(), 1500u);
}

TEST_F(VirtualAlarm32Test, DisarmInsideCallbackSuppressesPendingExpiry) {
  a.SetAlarm(hw.Now(), Ticks32(100));
  b.SetAlarm(hw.Now(), Ticks32(100));
  // Both expire at once; whichever runs first disarms the other.
  ra.on_fire = [&] { b.Disarm().ok(); };
  rb.on_fire = [&] { a.Disarm().ok(); };
  hw.Advance(200);
  EXPECT_EQ(log.size(), 1u);
}

TEST_F(VirtualAlarm32Test, DisarmReprogramsHardwareForRemainingAlarm) {
  a.SetAlarm(hw.Now(), Ticks32(100));
  b.SetAlarm(hw.Now(), Ticks32(500));
  EXPECT_EQ(hw.GetAlarm().value(), 1100u);
  ASSERT_TRUE(a.Disarm().ok());
  EXPECT_EQ(hw.GetAlarm().value(), 1500u);
  ASSERT_TRUE(b.Disarm().ok());
  EXPECT_FALSE(hw.IsArmed());
  EXPECT_EQ(hw.Advance(1000), 0u);
  EXPECT_TRUE(log.empty());
}

TEST(VirtualAlarm24Test, CorrectAcross24BitWrap) {
  FakeAlarm<Ticks24> hw(32768, Ticks24(0xFFFF00));
  MuxAlarm<Ticks24> mux(hw);
  VirtualMuxAlarm<Ticks24> a(mux), b(mux);
  std::vector<std::pair<int, uint32_t>> log;
  Recorder<Ticks24> ra(hw, log, 0), rb(hw, log, 1);
  a.SetAlarmClient(ra);
  b.SetAlarmClient(rb);
  a.SetAlarm(hw.Now(), Ticks24(0x300));  // 0x000200 after wrap
  b.SetAlarm(hw.Now(), Ticks24(0x10));   // 0xFFFF10
  hw.Advance(0x1000);
  EXPECT_EQ(log, (std::vector<std::pair<int, uint32_t>>{{1, 0xFFFF10u}, {0, 0x200u}}));
}

}  // namespace
}  // namespace tock::capsules
