// The one test binary behind every tock_app's `host_test` (apps/tock_app.bzl): runs a script
// (app_script.h) against the real tockd booted with the given apps.
//   app_script_test SCRIPT APP.tbf [APP.tbf ...]   (workspace-relative paths or labels)
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/app_script.h"
#include "tests/harness/data_path.h"
#include "tests/harness/tockd.h"

namespace {

std::string g_script_path;
std::vector<std::string> g_apps;

TEST(AppScriptTest, EveryStepHappens) {
  absl::StatusOr<std::string> path = tock::harness::DataPath(g_script_path);
  ASSERT_TRUE(path.ok()) << path.status();
  std::ifstream in(*path);
  ASSERT_TRUE(in) << "cannot read " << *path;
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<tock::harness::AppScript> script = tock::harness::ParseAppScript(text.str());
  ASSERT_TRUE(script.ok()) << g_script_path << ": " << script.status();

  auto tockd = tock::harness::Tockd::Start({.apps = g_apps,
                                            .flags = script->tockd_flags,
                                            .exit_when_done = false,
                                            .control = script->needs_control});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  tock::harness::AppScriptRunner runner(**tockd);
  EXPECT_TRUE(runner.Run(*script)) << "script " << g_script_path;
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s SCRIPT APP.tbf [APP.tbf ...]\n", argv[0]);
    return 2;
  }
  g_script_path = argv[1];
  g_apps.assign(argv + 2, argv + argc);
  return RUN_ALL_TESTS();
}
