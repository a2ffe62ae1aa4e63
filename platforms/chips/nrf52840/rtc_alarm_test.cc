// RtcAlarm against a register-level model of RTC1 (nRF52840 PS §6.22): a 24-bit COUNTER
// that runs between START and STOP and is zeroed by CLEAR; COMPARE[n] is set when COUNTER
// becomes CC[n] (if enabled in EVTEN or INTEN); as the PS warns, a CC written N or N+1 while
// COUNTER is N may miss that match.
#include "platforms/chips/nrf52840/rtc_alarm.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "platforms/chips/nrf52840/nrf_fake.h"

namespace tock::nrf52840 {
namespace {

using Ticks = RtcAlarm::Ticks;

#define OFF(field) offsetof(RtcRegisters, field)
constexpr size_t kEvten = 0x340;
constexpr uint32_t kCompare0 = 1u << 16;

class FakeRtc : public testing::NrfPeripheralFake<RtcRegisters> {
 public:
  void Advance(uint32_t ticks) {
    for (; ticks > 0 && running_; --ticks) {
      counter_ = (counter_ + 1) & 0xFF'FFFFu;
      const uint32_t enabled = Peek(kEvten) | inten();
      if (counter_ == Peek(OFF(cc))) {
        if (miss_next_match_) {
          miss_next_match_ = false;
        } else if ((enabled & kCompare0) != 0) {
          RaiseEvent(OFF(events_compare));
        }
      }
    }
  }
  void set_counter(uint32_t c) { counter_ = c; }
  bool running() const { return running_; }
  bool prescaler_written_while_running() const { return bad_prescaler_; }

 protected:
  void Task(size_t offset) override {
    if (offset == OFF(tasks_start)) {
      running_ = true;
    }
    if (offset == OFF(tasks_stop)) {
      running_ = false;
    }
    if (offset == OFF(tasks_clear)) {
      counter_ = 0;
    }
  }
  uint32_t Read(size_t offset) override {
    if (offset == OFF(counter)) {
      return counter_;
    }
    return NrfPeripheralFake::Read(offset);
  }
  void WriteRegister(size_t offset, uint32_t value) override {
    if (offset == OFF(evtenset)) {
      Poke(kEvten, Peek(kEvten) | value);
    } else if (offset == OFF(evtenclr)) {
      Poke(kEvten, Peek(kEvten) & ~value);
    } else {
      if (offset == OFF(prescaler) && running_) {
        bad_prescaler_ = true;
      }
      if (offset == OFF(cc)) {
        miss_next_match_ = ((value - counter_) & 0xFF'FFFFu) <= 1;
      }
      Poke(offset, value);
    }
  }

 private:
  uint32_t counter_ = 0;
  bool running_ = false;
  bool miss_next_match_ = false;
  bool bad_prescaler_ = false;
};

struct CountingClient : tock::hil::time::AlarmClient {
  void Alarm() override { ++fired; }
  int fired = 0;
};

class RtcAlarmTest : public ::testing::Test {
 protected:
  RtcAlarmTest() {
    fake_.set_counter(777);
    rtc_.Init();
    rtc_.SetAlarmClient(client_);
  }
  void Run(uint32_t ticks) {
    fake_.Advance(ticks);
    if (fake_.irq()) {
      rtc_.HandleInterrupt();
    }
    EXPECT_FALSE(fake_.irq()) << "COMPARE0 left set: the IRQ would pend forever";
  }

  FakeRtc fake_;
  RtcAlarm rtc_{fake_.base(), kRtc1Irq};
  CountingClient client_;
};

TEST_F(RtcAlarmTest, InitStartsFromZeroAt32768Hz) {
  EXPECT_TRUE(fake_.running());
  EXPECT_FALSE(fake_.prescaler_written_while_running());
  EXPECT_EQ(fake_.Peek(OFF(prescaler)), 0u);
  EXPECT_EQ(rtc_.Now().value(), 0u);
  fake_.Advance(5);
  EXPECT_EQ(rtc_.Now().value(), 5u);
  EXPECT_EQ(rtc_.Frequency(), 32768u);
}

TEST_F(RtcAlarmTest, FiresOnceAtExpiry) {
  rtc_.SetAlarm(rtc_.Now(), Ticks(100));
  EXPECT_TRUE(rtc_.IsArmed());
  EXPECT_EQ(rtc_.GetAlarm().value(), 100u);
  Run(99);
  EXPECT_EQ(client_.fired, 0);
  Run(1);
  EXPECT_EQ(client_.fired, 1);
  EXPECT_FALSE(rtc_.IsArmed());
  Run(0x100'0000);  // a whole wrap later: still once
  EXPECT_EQ(client_.fired, 1);
}

TEST_F(RtcAlarmTest, ExpiryAcrossTheWrapOf24Bits) {
  fake_.set_counter(0xFF'FFF0);
  rtc_.SetAlarm(rtc_.Now(), Ticks(0x20));
  EXPECT_EQ(rtc_.GetAlarm().value(), 0x10u);
  Run(0x1F);
  EXPECT_EQ(client_.fired, 0);
  Run(1);
  EXPECT_EQ(client_.fired, 1);
}

TEST_F(RtcAlarmTest, PastOrTooCloseAlarmFiresWithinMinimumDt) {
  fake_.Advance(1000);
  rtc_.SetAlarm(rtc_.Now().WrappingSub(Ticks(200)), Ticks(100));  // already past
  Run(rtc_.MinimumDt().value());
  EXPECT_EQ(client_.fired, 1);
  rtc_.SetAlarm(rtc_.Now(), Ticks(1));  // CC = COUNTER + 1 could be missed (PS)
  Run(rtc_.MinimumDt().value());
  EXPECT_EQ(client_.fired, 2);
}

TEST_F(RtcAlarmTest, DisarmedAlarmNeverFiresAndSpuriousCallsAreIgnored) {
  rtc_.SetAlarm(rtc_.Now(), Ticks(50));
  rtc_.HandleInterrupt();  // no COMPARE0 event yet
  EXPECT_EQ(client_.fired, 0);
  EXPECT_TRUE(rtc_.IsArmed());
  EXPECT_TRUE(rtc_.Disarm().ok());
  EXPECT_EQ(fake_.inten(), 0u);
  Run(100);
  EXPECT_EQ(client_.fired, 0);
}

TEST_F(RtcAlarmTest, ResettingFromTheCallbackArmsTheNextExpiry) {
  struct Rearm : tock::hil::time::AlarmClient {
    void Alarm() override {
      if (++fired < 3) {
        rtc->SetAlarm(rtc->GetAlarm(), Ticks(10));
      }
    }
    RtcAlarm* rtc = nullptr;
    int fired = 0;
  } rearm;
  rearm.rtc = &rtc_;
  rtc_.SetAlarmClient(rearm);
  rtc_.SetAlarm(rtc_.Now(), Ticks(10));
  for (int i = 0; i < 5; ++i) {
    Run(10);
  }
  EXPECT_EQ(rearm.fired, 3);
}

}  // namespace
}  // namespace tock::nrf52840
