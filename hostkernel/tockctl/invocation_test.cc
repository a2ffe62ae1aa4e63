// ParseInvocation: flag and env handling, local validation of every command's arguments.
#include "hostkernel/tockctl/invocation.h"

#include "gtest/gtest.h"

namespace tockpp::hostkernel::tockctl {
namespace {

TEST(InvocationTest, FlagGivesPathAndCommandLine) {
  auto inv = ParseInvocation({"--control=unix:/tmp/t.sock", "gpio", "3", "high"}, nullptr);
  ASSERT_TRUE(inv.ok()) << inv.status();
  EXPECT_EQ(inv->socket_path, "/tmp/t.sock");
  EXPECT_EQ(inv->line, "gpio 3 high");
  EXPECT_EQ(inv->mode, Mode::kRequest);
}

TEST(InvocationTest, SeparateFlagValueAndEnvFallback) {
  auto a = ParseInvocation({"--control", "unix:/a", "ps", "-v"}, "unix:/env");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->socket_path, "/a");
  EXPECT_EQ(a->line, "ps -v");
  auto b = ParseInvocation({"watch"}, "unix:/env");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->socket_path, "/env");
  EXPECT_EQ(b->mode, Mode::kWatch);
  auto c = ParseInvocation({"console"}, "unix:/env");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->mode, Mode::kConsole);
}

TEST(InvocationTest, MissingSocketIsAnError) {
  auto inv = ParseInvocation({"leds"}, nullptr);
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.status().message(),
            "no control socket: pass --control=unix:PATH or set TOCKD_CONTROL");
  EXPECT_FALSE(ParseInvocation({"leds"}, "").ok());
  EXPECT_FALSE(ParseInvocation({"--control=tcp:1", "leds"}, nullptr).ok());
}

TEST(InvocationTest, HelpWithoutSocketIsLocal) {
  auto inv = ParseInvocation({"help"}, nullptr);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->mode, Mode::kHelp);
  auto h = ParseInvocation({"--help"}, nullptr);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->mode, Mode::kHelp);
}

TEST(InvocationTest, BadCommandsAreRejectedLocally) {
  const char* env = "unix:/s";
  EXPECT_EQ(ParseInvocation({"frob"}, env).status().message(),
            "unknown command 'frob' (try: tockctl help)");
  EXPECT_FALSE(ParseInvocation({}, env).ok());
  EXPECT_FALSE(ParseInvocation({"press"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"press", "x"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"gpio", "1", "up"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"gpio", "a"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"ps", "-x"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"stop"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"leds", "1"}, env).ok());
  EXPECT_FALSE(ParseInvocation({"--bogus", "leds"}, env).ok());
  EXPECT_TRUE(ParseInvocation({"gpio"}, env).ok());
  EXPECT_TRUE(ParseInvocation({"gpio", "2", "float"}, env).ok());
  EXPECT_TRUE(ParseInvocation({"restart", "blink"}, env).ok());
}

TEST(InvocationTest, VersionAndPsJson) {
  auto v = ParseInvocation({"--version"}, nullptr);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->mode, Mode::kVersion);
  auto ps = ParseInvocation({"ps", "--json"}, "unix:/s");
  ASSERT_TRUE(ps.ok());
  EXPECT_TRUE(ps->json);
  EXPECT_EQ(ps->line, "ps");  // tockd gets plain ps
  EXPECT_FALSE(ParseInvocation({"ps", "-v", "--json"}, "unix:/s").ok());
}

TEST(InvocationTest, PsLinesToJsonKeepsNamesWithSpacesAndRejectsOtherLines) {
  auto json = PsLinesToJson({"process id=3 name=my app state=faulted restarts=2 syscalls=17"});
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, R"([{"id":3,"name":"my app","state":"faulted","restarts":2,"syscalls":17}])");
  EXPECT_EQ(*PsLinesToJson({}), "[]");
  EXPECT_EQ(*PsLinesToJson({R"(process id=0 name=q\x22 state=yielded restarts=0 syscalls=1)"}),
            R"([{"id":0,"name":"q\\x22","state":"yielded","restarts":0,"syscalls":1}])");
  EXPECT_FALSE(PsLinesToJson({"  memory flash=0x10000000+4096"}).ok());
  EXPECT_FALSE(PsLinesToJson({"process id=x name=a state=b restarts=0 syscalls=0"}).ok());
  EXPECT_FALSE(PsLinesToJson({"process id=1 name=a state=b restarts=0"}).ok());
}

}  // namespace
}  // namespace tockpp::hostkernel::tockctl
