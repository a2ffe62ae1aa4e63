// ParseCommandLine + ParseConfig + CheckConfigFiles: tockd's flags as the binary sees them
// (the real flag registry; every parse restores the flags it set).
#include "hostkernel/daemon/config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/reflection.h"
#include "gtest/gtest.h"
#include "hostkernel/daemon/command_line.h"

namespace tock::hostkernel {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  // The command line (without argv[0]) through both steps; the error message, or "" and *out.
  // Flags set here are restored when it returns.
  std::string Parse(const std::vector<std::string>& args, TockdConfig* out = nullptr) {
    absl::FlagSaver saver;
    absl::StatusOr<CommandLine> cl = ParseCommandLine(args);
    if (!cl.ok()) {
      return std::string{cl.status().message()};
    }
    EXPECT_EQ(cl->action, CommandLine::Action::kRun);
    absl::StatusOr<TockdConfig> config = ParseConfig(cl->positional);
    if (!config.ok()) {
      return std::string{config.status().message()};
    }
    if (out != nullptr) {
      *out = *config;
    }
    return "";
  }
  std::string Tmp() const {
    const char* t = std::getenv("TEST_TMPDIR");
    return t != nullptr ? t : "/tmp";
  }
};

TEST_F(ConfigTest, DefaultsAndAppsInOrder) {
  TockdConfig c;
  ASSERT_EQ(Parse({"a.tbf", "b.tab"}, &c), "");
  EXPECT_EQ(c.apps, (std::vector<std::string>{"a.tbf", "b.tab"}));
  EXPECT_EQ(c.board.timeslice_us, 10000u);
  EXPECT_EQ(c.board.max_processes, 8u);
  EXPECT_FALSE(c.exit_when_done);
  EXPECT_FALSE(c.virtual_time);
  EXPECT_EQ(c.control_path, "");
  EXPECT_EQ(c.console_path, "");
  EXPECT_EQ(c.trace_path, "");
  EXPECT_EQ(c.load_limits.max_app_ram, 8u << 20);
  EXPECT_EQ(ToString(c.policies.default_policy), "panic");
}

TEST_F(ConfigTest, CredentialKeysRepeatAndListAndBadOnesAreNamed) {
  const std::string a = "tbf-tools/testdata/keys/p256-a.pub.pem";
  const std::string b = "tbf-tools/testdata/keys/p256-b.pub.pem";
  TockdConfig c;
  ASSERT_EQ(Parse({"--credential-key=" + a, "--credential-key", a + "," + b,
                   "--require-credentials", "x.tbf"},
                  &c),
            "");
  EXPECT_EQ(c.load_limits.credentials.keys.size(), 3u);
  EXPECT_TRUE(c.load_limits.credentials.require);
  ASSERT_EQ(Parse({"x.tbf"}, &c), "");
  EXPECT_TRUE(c.load_limits.credentials.keys.empty());
  EXPECT_FALSE(c.load_limits.credentials.require);
  EXPECT_EQ(
      Parse({"--credential-key=missing.pem", "x.tbf"}).rfind("--credential-key missing.pem: ", 0),
      0u);
}

TEST_F(ConfigTest, FlagSpellings) {
  TockdConfig c;
  ASSERT_EQ(Parse({"--exit-when-done", "--time", "virtual", "--log_level=debug",
                   "--control=unix:ctl.sock", "--strict", "--nostrict", "--seed", "7",
                   "--timeslice=5ms", "app.tbf", "--trace=t.json", "--", "--odd-name.tbf"},
                  &c),
            "");
  EXPECT_TRUE(c.exit_when_done);
  EXPECT_TRUE(c.virtual_time);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.control_path, "ctl.sock");
  EXPECT_FALSE(c.strict);
  EXPECT_EQ(c.board.seed, 7u);
  EXPECT_EQ(c.board.timeslice_us, 5000u);
  EXPECT_EQ(c.trace_path, "t.json");  // flags may follow the apps
  EXPECT_EQ(c.apps, (std::vector<std::string>{"app.tbf", "--odd-name.tbf"}));
}

TEST_F(ConfigTest, CommandLineErrorsNameTheFlag) {
  EXPECT_EQ(Parse({"--frob", "a.tbf"}), "unknown flag --frob");
  EXPECT_EQ(Parse({"-x", "a.tbf"}), "unknown flag -x");
  EXPECT_EQ(Parse({"--flagfile=x", "a.tbf"}), "unknown flag --flagfile");  // Abseil's own
  EXPECT_EQ(Parse({"a.tbf", "--trace"}), "--trace needs a value");
  EXPECT_EQ(Parse({"--nostrict=1", "a.tbf"}), "--nostrict takes no value");
  EXPECT_EQ(Parse({"--notrace", "a.tbf"}), "unknown flag --notrace");
  EXPECT_EQ(Parse({"--seed=x", "a.tbf"}).rfind("bad value 'x' for --seed", 0), 0u);
  EXPECT_EQ(Parse({"--timeslice=fast", "a.tbf"}).rfind("bad value 'fast' for --timeslice", 0), 0u);
  EXPECT_EQ(Parse({"--strict=maybe", "a.tbf"}).rfind("bad value 'maybe' for --strict", 0), 0u);
}

TEST_F(ConfigTest, HelpVersionAndHelpfullAreActions) {
  for (const auto& [arg, action] : std::vector<std::pair<std::string, CommandLine::Action>>{
           {"-h", CommandLine::Action::kHelp},
           {"--help", CommandLine::Action::kHelp},
           {"--helpfull", CommandLine::Action::kHelpFull},
           {"--version", CommandLine::Action::kVersion}}) {
    absl::FlagSaver saver;
    absl::StatusOr<CommandLine> cl = ParseCommandLine({"a.tbf", arg, "--frob"});
    ASSERT_TRUE(cl.ok()) << arg;
    EXPECT_EQ(cl->action, action) << arg;
  }
  const std::string full = FullFlagHelp();
  EXPECT_NE(full.find("  --exit-when-done=false\n"), std::string::npos) << full;
  EXPECT_NE(full.find("  --max-processes=8\n"), std::string::npos);
  EXPECT_EQ(full.find("--flagfile"), std::string::npos);
}

TEST_F(ConfigTest, FlagsCanEndAtTheFirstPositionalWord) {
  absl::FlagSaver saver;
  // tockctl's way: the command's own arguments may look like flags.
  absl::StatusOr<CommandLine> cl =
      ParseCommandLine({"--strict", "ps", "-v", "--help"}, {.flags_end_at_first_positional = true});
  ASSERT_TRUE(cl.ok()) << cl.status();
  EXPECT_EQ(cl->action, CommandLine::Action::kRun);
  EXPECT_EQ(cl->positional, (std::vector<std::string>{"ps", "-v", "--help"}));
  EXPECT_FALSE(ParseCommandLine({"a.tbf", "-v"}).ok());  // tockd's way: still a flag
}

TEST_F(ConfigTest, BadValuesAreUsageErrors) {
  EXPECT_EQ(Parse({}), "no apps given (usage: tockd [flags] APP.tbf ...; see tockd --help)");
  EXPECT_EQ(Parse({"--time=fast", "a"}), "--time must be real or virtual");
  EXPECT_EQ(Parse({"--control=tcp:1", "a"}), "--control must be unix:PATH");
  EXPECT_EQ(Parse({"--control=unix:", "a"}), "--control must be unix:PATH");
  EXPECT_EQ(Parse({"--control=unix:" + std::string(120, 'x'), "a"}),
            "--control path is 120 bytes; a socket path must be under 108");
  EXPECT_EQ(Parse({"--console=tty", "a"}), "--console must be stdio or unix:PATH");
  EXPECT_EQ(Parse({"--process-console=loud", "a"}),
            "--process-console must be active, hibernated or off");
  EXPECT_EQ(Parse({"--log-level=loud", "a"}),
            "--log-level must be one of trace, debug, info, warn, error, off");
  EXPECT_EQ(Parse({"--timeslice=1us", "a"}), "--timeslice must be between 100us and 10s");
  EXPECT_EQ(Parse({"--max-processes=0", "a"}), "--max-processes must be between 1 and 256");
  EXPECT_EQ(Parse({"--app-ram-max=2G", "a"}),
            "--app-ram-max must be a size from 1 to 1G (e.g. 8M)");
  EXPECT_EQ(Parse({"--exit-after=-1s", "a"}), "--exit-after must be >= 0");
  EXPECT_NE(Parse({"--fault-policy=sometimes", "a"}), "");
}

TEST_F(ConfigTest, FilesAreCheckedWithTheErrnoText) {
  const std::string dir = Tmp() + "/config_test_dir";
  mkdir(dir.c_str(), 0755);
  TockdConfig c;
  ASSERT_EQ(Parse({"a.tbf"}, &c), "");
  EXPECT_TRUE(CheckConfigFiles(c).ok());

  c.trace_path = "/nonexistent-dir/t.json";
  EXPECT_EQ(CheckConfigFiles(c).message(),
            "--trace /nonexistent-dir/t.json: cannot open: No such file or directory");
  c.trace_path = dir;
  EXPECT_EQ(CheckConfigFiles(c).message(), "--trace " + dir + ": cannot open: Is a directory");
  c.trace_path = dir + "/trace.json";
  EXPECT_TRUE(CheckConfigFiles(c).ok());

  c.flash_path = dir;
  EXPECT_EQ(CheckConfigFiles(c).message(), "--flash-file " + dir + ": is a directory");
  c.flash_path = "/nonexistent-dir/flash";
  EXPECT_EQ(CheckConfigFiles(c).message(),
            "--flash-file /nonexistent-dir/flash: directory /nonexistent-dir: No such file or "
            "directory");
  c.flash_path = dir + "/flash";  // to be created
  EXPECT_TRUE(CheckConfigFiles(c).ok());
  struct stat st;
  EXPECT_NE(stat(c.flash_path.c_str(), &st), 0);  // the check creates nothing

  c.control_path = "/nonexistent-dir/ctl.sock";
  EXPECT_EQ(CheckConfigFiles(c).message(),
            "--control /nonexistent-dir/ctl.sock: directory /nonexistent-dir: No such file or "
            "directory");
  c.control_path = "ctl.sock";  // the current directory
  EXPECT_TRUE(CheckConfigFiles(c).ok());
  c.console_path = c.trace_path + "/console.sock";
  EXPECT_EQ(CheckConfigFiles(c).message(),
            "--console " + c.console_path + ": " + c.trace_path + " is not a directory");
}

}  // namespace
}  // namespace tock::hostkernel
