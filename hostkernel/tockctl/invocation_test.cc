// ParseInvocation: flag and env handling over Abseil flags, command words passed through to
// tockd, the few modes tockctl handles itself; IsUsageReply.
#include "hostkernel/tockctl/invocation.h"

#include "gtest/gtest.h"

namespace tock::hostkernel::tockctl {
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

TEST(InvocationTest, CommandWordsPassThroughToTockd) {
  const char* env = "unix:/s";
  // tockd decides what a command is: a peripheral may have registered it.
  auto temp = ParseInvocation({"temperature", "set", "21.5"}, env);
  ASSERT_TRUE(temp.ok()) << temp.status();
  EXPECT_EQ(temp->line, "temperature set 21.5");
  EXPECT_EQ(temp->mode, Mode::kRequest);
  EXPECT_EQ(ParseInvocation({"frob"}, env)->line, "frob");
  EXPECT_EQ(ParseInvocation({"press", "x"}, env)->line, "press x");
  // Words after the command are its own, even when they look like flags.
  EXPECT_EQ(ParseInvocation({"ps", "-v"}, env)->line, "ps -v");
  EXPECT_EQ(ParseInvocation({"press", "--help"}, env)->line, "press --help");
  // Only a bare `watch` / `console` makes a stream; tockd refuses the rest.
  EXPECT_EQ(ParseInvocation({"watch", "now"}, env)->mode, Mode::kRequest);
}

TEST(InvocationTest, TockctlsOwnUsageErrors) {
  const char* env = "unix:/s";
  EXPECT_EQ(ParseInvocation({}, env).status().message(), "no command given (try: tockctl help)");
  EXPECT_EQ(ParseInvocation({"--bogus", "leds"}, env).status().message(), "unknown flag --bogus");
  EXPECT_EQ(ParseInvocation({"--control"}, env).status().message(), "--control needs a value");
  EXPECT_EQ(ParseInvocation({"-x", "leds"}, env).status().message(), "unknown flag -x");
}

TEST(InvocationTest, TheFlagDoesNotLeakIntoTheNextParse) {
  ASSERT_EQ(ParseInvocation({"--control=unix:/first", "leds"}, nullptr)->socket_path, "/first");
  EXPECT_FALSE(ParseInvocation({"leds"}, nullptr).ok());
}

TEST(InvocationTest, VersionHelpfullAndPsJson) {
  auto v = ParseInvocation({"--version"}, nullptr);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->mode, Mode::kVersion);
  EXPECT_EQ(ParseInvocation({"--helpfull"}, nullptr)->mode, Mode::kHelpFull);
  EXPECT_EQ(ParseInvocation({"-h", "leds"}, nullptr)->mode, Mode::kHelp);
  auto ps = ParseInvocation({"ps", "--json"}, "unix:/s");
  ASSERT_TRUE(ps.ok());
  EXPECT_TRUE(ps->json);
  EXPECT_EQ(ps->line, "ps");  // tockd gets plain ps
  auto pv = ParseInvocation({"ps", "-v", "--json"}, "unix:/s");
  ASSERT_TRUE(pv.ok());
  EXPECT_FALSE(pv->json);
  EXPECT_EQ(pv->line, "ps -v --json");  // tockd's "usage: ps [-v]"
}

TEST(InvocationTest, UsageRepliesAreUnknownCommandsAndUsageLines) {
  EXPECT_TRUE(IsUsageReply("unknown command 'frob' (try help)"));
  EXPECT_TRUE(IsUsageReply("usage: press N"));
  EXPECT_FALSE(IsUsageReply("no process 'ghost'"));
  EXPECT_FALSE(IsUsageReply("'x' is not a button number"));
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
  // AppID fields (issue 22).
  EXPECT_EQ(*PsLinesToJson({"process id=1 name=a state=yielded restarts=0 syscalls=3 "
                            "short_id=0x00fccc8c credential=signed",
                            "process id=2 name=b state=yielded restarts=0 syscalls=3 "
                            "short_id=unique credential=none"}),
            R"([{"id":1,"name":"a","state":"yielded","restarts":0,"syscalls":3,)"
            R"("short_id":16567436,"credential":"signed"},)"
            R"({"id":2,"name":"b","state":"yielded","restarts":0,"syscalls":3,)"
            R"("short_id":0,"credential":"none"}])");
  EXPECT_FALSE(PsLinesToJson({"process id=1 name=a state=b restarts=0 syscalls=0 "
                              "short_id=zz credential=none"})
                   .ok());
}

}  // namespace
}  // namespace tock::hostkernel::tockctl
