// The temperature sensor end to end on the real tockd: apps/examples/temperature reads the host
// board's HostTemperature through the temperature capsule (0x60000) and libtock-c's API; the
// value is set through the control socket (`tockctl temperature set N`) and read back there.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::Tockd;
using harness::TockdOptions;

constexpr char kTemperature[] = "//apps/examples/temperature:temperature.tbf";

TEST(TemperatureTest, AppPrintsTheValueSetThroughTheControlSocket) {
  auto tockd =
      Tockd::Start(TockdOptions{.apps = {kTemperature}, .exit_when_done = false, .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("Temperature: 20.00 deg C\n"));  // the host sensor's default

  auto set = t.control().Request("temperature set -1234");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(*set, std::vector<std::string>({"temperature -1234"}));
  EXPECT_TRUE(t.WaitForConsole("Temperature: -12.34 deg C\n"));
  EXPECT_TRUE(t.WaitForEvent("temperature read -1234"));

  ASSERT_TRUE(t.control().Request("temperature set 2150").ok());
  EXPECT_TRUE(t.WaitForConsole("Temperature: 21.50 deg C\n"));
  auto get = t.control().Request("temperature");
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(*get, std::vector<std::string>({"temperature 2150"}));
  auto usage = t.control().Request("temperature set warm");
  EXPECT_EQ(usage.status().message(),
            "'temperature set warm': usage: temperature [set CENTI_CELSIUS]");
}

}  // namespace
}  // namespace tock::integration
