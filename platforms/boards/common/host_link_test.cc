// HostLink on a FakeUart: host lines reach the listener (split over any byte boundaries, with
// "\r\n" or "\n"), presses are echoed once applied, refused or malformed lines are ignored,
// and output lines leave whole and in order, queued while the UART is busy.
#include "platforms/boards/common/host_link.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hil/testing/fake_uart.h"

namespace tock::boards {
namespace {

using tock::hil::testing::FakeUart;

struct Recorder : HostLink::Listener {
  bool OnButton(unsigned index, bool pressed) override {
    events.push_back("button " + std::to_string(index) + (pressed ? " down" : " up"));
    return index < 2;
  }
  bool OnSwitch(unsigned index, bool on) override {
    events.push_back("switch " + std::to_string(index) + (on ? " on" : " off"));
    return index < 8;
  }
  std::vector<std::string> events;
};

class HostLinkTest : public ::testing::Test {
 protected:
  HostLinkTest() { link_.Start(); }
  std::string Output() {
    uart_.CompleteAllTransmits();
    return std::string(uart_.output());
  }

  FakeUart uart_;
  Recorder listener_;
  HostLink link_{uart_, listener_};
};

TEST_F(HostLinkTest, PressAndReleaseReachTheListenerAndAreEchoed) {
  uart_.Inject("press 1\nrelease 1\r\n");
  EXPECT_EQ(listener_.events, (std::vector<std::string>{"button 1 down", "button 1 up"}));
  EXPECT_EQ(Output(), "button 1 pressed\nbutton 1 released\n");
}

TEST_F(HostLinkTest, LinesSplitAcrossReceivesAreAssembled) {
  uart_.Inject("pre");
  uart_.Inject("ss 0");
  EXPECT_TRUE(listener_.events.empty());
  uart_.Inject("\nswitch 3 on\nswitch 12 off\n");
  EXPECT_EQ(listener_.events,
            (std::vector<std::string>{"button 0 down", "switch 3 on", "switch 12 off"}));
  EXPECT_EQ(Output(), "button 0 pressed\n") << "switches are not echoed";
}

TEST_F(HostLinkTest, RefusedAndMalformedLinesAreIgnored) {
  uart_.Inject("press 5\n");  // the listener has no button 5: no echo
  uart_.Inject("press\npress x\npress -1\nswitch 1 maybe\nswitch on\nhello\n\n");
  uart_.Inject(std::string(HostLink::kLineLen + 5, 'a') + "\n");
  uart_.Inject("press 0 " + std::string(HostLink::kLineLen, ' ') + "\n");  // too long
  EXPECT_EQ(listener_.events, (std::vector<std::string>{"button 5 down"}));
  EXPECT_EQ(Output(), "");
  // Still listening after all that.
  uart_.Inject("release 0\n");
  EXPECT_EQ(Output(), "button 0 released\n");
}

TEST_F(HostLinkTest, OutputLinesQueueWholeWhileTheUartIsBusy) {
  link_.SendLed(0, true);
  EXPECT_TRUE(uart_.transmitting());
  link_.SendLed(1, false);
  link_.SendReady();
  link_.SendLed(12, true);
  EXPECT_EQ(uart_.in_flight(), "led 0 on\n");
  EXPECT_EQ(Output(), "led 0 on\nled 1 off\nready\nled 12 on\n");
  EXPECT_EQ(link_.dropped_lines(), 0u);
}

TEST_F(HostLinkTest, LinesThatDoNotFitAreDroppedWholeAndCounted) {
  link_.SendLed(0, true);  // in flight; the rest queue behind it
  size_t queued = 0;
  while (link_.dropped_lines() == 0) {
    link_.SendLed(1, (queued++ % 2) == 0);
  }
  std::string out = Output();
  EXPECT_EQ(out.back(), '\n');
  // Every line that went out is whole.
  size_t lines = 0;
  for (size_t start = 0; start < out.size();) {
    const size_t end = out.find('\n', start);
    const std::string line = out.substr(start, end - start);
    EXPECT_TRUE(line == "led 0 on" || line == "led 1 on" || line == "led 1 off") << line;
    start = end + 1;
    ++lines;
  }
  EXPECT_EQ(lines, queued);  // the first, plus all queued but the dropped one
}

}  // namespace
}  // namespace tock::boards
