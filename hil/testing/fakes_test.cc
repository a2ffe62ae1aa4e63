// Tests that the fakes behave like the HIL contracts say, so capsule tests built on them mean
// something: alarm fires exactly at expiration across wrap, UART completes in order, GPIO edges.
#include <gtest/gtest.h>

#include <string>

#include "hil/testing/fake_alarm.h"
#include "hil/testing/fake_entropy.h"
#include "hil/testing/fake_flash.h"
#include "hil/testing/fake_gpio_pin.h"
#include "hil/testing/fake_led.h"
#include "hil/testing/fake_uart.h"

namespace tock::hil::testing {
namespace {

using time::Ticks24;
using time::Ticks32;

// The error of a failed Result (fails the test if it was ok).
ErrorCode Err(const Result<void>& r) {
  EXPECT_FALSE(r.ok());
  return r.error();
}

struct CountingAlarmClient : time::AlarmClient {
  void Alarm() override { ++fired; }
  int fired = 0;
};

TEST(FakeAlarmTest, FiresExactlyAtExpirationAcrossWrap) {
  FakeAlarm<Ticks32> alarm(1000, Ticks32(0xFFFFFFF0));
  CountingAlarmClient client;
  alarm.SetAlarmClient(client);
  alarm.SetAlarm(alarm.Now(), Ticks32(0x20));
  EXPECT_EQ(alarm.Advance(0x1F), 0u);
  EXPECT_EQ(client.fired, 0);
  EXPECT_EQ(alarm.Advance(1), 1u);
  EXPECT_EQ(alarm.Now().value(), 0x10u);
  EXPECT_FALSE(alarm.IsArmed());
}

TEST(FakeAlarmTest, AlarmInThePastFiresOnNextAdvance) {
  FakeAlarm<Ticks24> alarm(1000, Ticks24(100));
  CountingAlarmClient client;
  alarm.SetAlarmClient(client);
  alarm.SetAlarm(Ticks24(10), Ticks24(5));
  EXPECT_EQ(alarm.Advance(0), 1u);
  EXPECT_EQ(alarm.Now().value(), 100u);
}

TEST(FakeAlarmTest, LargeAdvanceStopsAtExpirationThenContinues) {
  FakeAlarm<Ticks32> alarm;
  CountingAlarmClient client;
  alarm.SetAlarmClient(client);
  alarm.SetAlarm(Ticks32(0), Ticks32(50));
  EXPECT_EQ(alarm.Advance(1000), 1u);
  EXPECT_EQ(alarm.Now().value(), 1000u);
}

struct UartClients : uart::TransmitClient, uart::ReceiveClient {
  void TransmittedBuffer(uint8_t*, size_t len, Result<void> status) override {
    tx_len = len;
    tx_status = status;
  }
  void ReceivedBuffer(uint8_t* buf, size_t len, Result<void> status, uart::Error) override {
    rx.assign(reinterpret_cast<char*>(buf), len);
    rx_status = status;
  }
  size_t tx_len = 0;
  Result<void> tx_status = ErrorCode::kFail;
  std::string rx;
  Result<void> rx_status = ErrorCode::kFail;
};

TEST(FakeUartTest, TransmitIsBusyUntilCompleted) {
  FakeUart uart;
  UartClients c;
  uart.SetTransmitClient(c);
  uint8_t a[] = {'h', 'i'};
  ASSERT_TRUE(uart.TransmitBuffer(a, 2).ok());
  EXPECT_EQ(Err(uart.TransmitBuffer(a, 2)), ErrorCode::kBusy);
  EXPECT_TRUE(uart.CompleteTransmit());
  EXPECT_EQ(c.tx_len, 2u);
  EXPECT_EQ(uart.output(), "hi");
}

TEST(FakeUartTest, ReceiveCompletesWhenFullAndAbortDeliversPartial) {
  FakeUart uart;
  UartClients c;
  uart.SetReceiveClient(c);
  uint8_t buf[4];
  ASSERT_TRUE(uart.ReceiveBuffer(buf, 4).ok());
  EXPECT_EQ(uart.Inject("ab"), 2u);
  EXPECT_EQ(Err(uart.ReceiveAbort()), ErrorCode::kBusy);
  EXPECT_TRUE(uart.CompleteReceiveAbort());
  EXPECT_EQ(c.rx, "ab");
  EXPECT_EQ(Err(c.rx_status), ErrorCode::kCancel);
  EXPECT_EQ(uart.Inject("x"), 0u);
}

struct CountingPinClient : gpio::InterruptClient {
  void Fired() override { ++fired; }
  int fired = 0;
};

TEST(FakeGpioPinTest, FiresOnlyOnEnabledEdge) {
  FakeGpioPin pin;
  CountingPinClient c;
  pin.SetClient(c);
  pin.MakeInput();
  pin.EnableInterrupts(gpio::InterruptEdge::kRisingEdge);
  EXPECT_TRUE(pin.SetInputLevel(true));
  EXPECT_FALSE(pin.SetInputLevel(false));
  EXPECT_EQ(c.fired, 1);
  EXPECT_FALSE(pin.Read());
}

TEST(FakeLedTest, CountsChanges) {
  FakeLed led;
  led.Init();
  led.On();
  led.On();
  led.Toggle();
  EXPECT_EQ(led.changes(), 2u);
  EXPECT_FALSE(led.Read());
}

struct EntropySink : entropy::Client32 {
  entropy::Continue EntropyAvailable(entropy::EntropyIterator& it, Result<void>) override {
    while (auto w = it.Next()) {
      ++words;
    }
    return words < want ? entropy::Continue::kMore : entropy::Continue::kDone;
  }
  uint32_t words = 0;
  uint32_t want = 0;
};

TEST(FakeEntropyTest, RepeatsRequestWhileClientWantsMore) {
  FakeEntropy rng;
  EntropySink sink;
  sink.want = 5;
  rng.SetClient(sink);
  ASSERT_TRUE(rng.Get().ok());
  EXPECT_TRUE(rng.Deliver(3));
  EXPECT_TRUE(rng.requested());
  EXPECT_TRUE(rng.Deliver(3));
  EXPECT_FALSE(rng.requested());
  EXPECT_EQ(sink.words, 6u);
}

struct FlashSink : flash::Client {
  void ReadComplete(uint8_t*, size_t, Result<void>) override { ++reads; }
  void WriteComplete(uint8_t*, size_t, Result<void>) override { ++writes; }
  void EraseComplete(Result<void>) override { ++erases; }
  int reads = 0, writes = 0, erases = 0;
};

TEST(FakeFlashTest, WriteReplacesPageAndEraseRestores) {
  FakeFlash flash(4, 2);
  FlashSink sink;
  flash.SetClient(sink);
  uint8_t buf[4] = {0x0F, 0xF0, 0x00, 0xFF};
  ASSERT_TRUE(flash.WritePage(1, buf, 4).ok());
  EXPECT_EQ(Err(flash.ErasePage(0)), ErrorCode::kBusy);
  ASSERT_TRUE(flash.Complete());
  EXPECT_EQ(flash.page(1)[0], 0x0F);
  EXPECT_EQ(flash.page(1)[2], 0x00);
  EXPECT_EQ(Err(flash.ReadPage(2, buf, 4)), ErrorCode::kInval);
  EXPECT_EQ(Err(flash.ReadPage(1, buf, 3)), ErrorCode::kSize);
  ASSERT_TRUE(flash.ErasePage(1).ok());
  ASSERT_TRUE(flash.Complete());
  EXPECT_EQ(flash.page(1)[0], 0xFF);
  EXPECT_EQ(sink.writes + sink.erases, 2);
}

// The generic completion interface the fuzz harness uses: pending only while a request is
// outstanding, and Complete() finishes it the way the fake's own controls would.
TEST(CompletableTest, AlarmCompletesExactlyAtExpirationAndEntropyDeliversABatch) {
  FakeAlarm<Ticks32> alarm(1000, Ticks32(5));
  CountingAlarmClient client;
  alarm.SetAlarmClient(client);
  Completable& a = alarm;
  EXPECT_FALSE(a.HasPending());
  alarm.SetAlarm(Ticks32(5), Ticks32(100));
  EXPECT_TRUE(a.HasPending());
  a.Complete(0xFFFFFFFF);
  EXPECT_EQ(client.fired, 1);
  EXPECT_EQ(alarm.Now().value(), 105u);
  EXPECT_FALSE(a.HasPending());

  FakeEntropy rng;
  Completable& e = rng;
  EXPECT_FALSE(e.HasPending());
  e.Complete(3);  // nothing pending: no-op
  EXPECT_EQ(rng.words_delivered(), 0u);
  EntropySink sink;
  sink.want = 1;
  rng.SetClient(sink);
  ASSERT_TRUE(rng.Get().ok());
  EXPECT_TRUE(e.HasPending());
  e.Complete(17 + 3);  // a batch of 20 % 17 = 3 words
  EXPECT_EQ(sink.words, 3u);
  EXPECT_FALSE(e.HasPending());
}

}  // namespace
}  // namespace tock::hil::testing
