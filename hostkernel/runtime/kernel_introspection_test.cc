// `tockctl ps` / inspect show package names escaped, and the shown form addresses the app.
#include "hostkernel/runtime/kernel_introspection.h"

#include <memory>

#include "gtest/gtest.h"
#include "hostkernel/control/control_server.h"
#include "kernel/testing/kernel_harness.h"

namespace tock::hostkernel {
namespace {

TEST(KernelIntrospectionTest, NamesAreEscapedAndTheEscapedNameFindsTheApp) {
  auto h = std::make_unique<tock::testing::KernelHarness<2, 4>>();
  tock::testing::FakeProcessPlatform::ImageSpec spec;
  spec.name = "a\nb\\c";
  ASSERT_TRUE(h->Load(0, spec).ok());
  int changes = 0;
  KernelIntrospection introspection(h->kernel, h->process_cap, [&changes] { ++changes; });

  const std::vector<ProcessInfo> list = introspection.ListProcesses(false);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "a\\x0ab\\\\c");
  EXPECT_EQ(FormatProcessLine(list[0]).find('\n'), std::string::npos);

  EXPECT_TRUE(introspection.FindProcess("a\\x0ab\\\\c").has_value());
  EXPECT_TRUE(introspection.FindProcess("a\nb\\c").has_value());  // the raw bytes too
  EXPECT_FALSE(introspection.FindProcess("a").has_value());
  EXPECT_TRUE(introspection.StopProcess("a\\x0ab\\\\c").ok());
  EXPECT_EQ(changes, 1);
}

}  // namespace
}  // namespace tock::hostkernel
