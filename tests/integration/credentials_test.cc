// Credentials and AppIDs at load with real tockd (issue 22): an app signed with ECDSA P-256
// (`tbf create --sign-key`) runs with its key and --require-credentials; a tampered byte, the
// wrong key, or an unsigned app under --require-credentials gets the loader's one line; two
// apps with the same ShortId never run at once. Reasons in detail:
// hostkernel/loader/app_check_test.cc.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/harness/data_path.h"
#include "tests/harness/test_files.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::DataPath;
using harness::ExitStatus;
using harness::ReadFile;
using harness::Tockd;
using harness::WriteFile;

std::string Path(const std::string& label) {
  absl::StatusOr<std::string> p = DataPath(label);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : "";
}

std::string Signed() { return Path("//tests/integration:signed_hello.tbf"); }
std::string Key(const std::string& name) { return Path("tbf-tools/testdata/keys/" + name); }

std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.find(needle) != absl::string_view::npos) {
      out.emplace_back(line);
    }
  }
  return out;
}

// Runs tockd on `apps` with `flags` until it exits; returns its log (stderr).
std::string RunToExit(const std::vector<std::string>& apps, const std::vector<std::string>& flags,
                      ExitStatus want, bool want_hello) {
  auto tockd = Tockd::Start({.apps = apps, .flags = flags});
  EXPECT_TRUE(tockd.ok()) << tockd.status();
  if (!tockd.ok()) {
    return "";
  }
  Tockd& t = **tockd;
  if (want_hello) {
    EXPECT_TRUE(t.WaitForConsole("Hello, World!"));
  }
  EXPECT_EQ(t.WaitForExit(), want) << t.Log();
  if (!want_hello) {
    EXPECT_EQ(t.Console().find("Hello"), std::string::npos) << t.Console();
  }
  return t.Log();
}

TEST(CredentialsTest, SignedAppRunsWithItsKeyAndRequireCredentials) {
  const std::string log =
      RunToExit({Signed()},
                {"--credential-key=" + Key("p256-b.pub.pem") + "," + Key("p256-a.pub.pem"),
                 "--require-credentials"},
                ExitStatus::Exited(0), true);
  EXPECT_TRUE(LinesWith(log, "not loading").empty()) << log;
}

TEST(CredentialsTest, TamperedByteIsRefusedWithOneLine) {
  std::string bytes = ReadFile(Signed());
  ASSERT_GT(bytes.size(), 0x300u);
  bytes[0x300] = static_cast<char>(bytes[0x300] ^ 0x01);  // a byte of the app's code
  const std::string tampered = WriteFile("tampered.tbf", bytes);
  const std::string log = RunToExit({tampered}, {"--credential-key=" + Key("p256-a.pub.pem")},
                                    ExitStatus::Exited(1), false);
  const std::vector<std::string> lines = LinesWith(log, "not loading");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_EQ(lines[0].rfind(
                "tockd: not loading " + tampered + " (hello): ECDSA P-256 signature at byte ", 0),
            0u)
      << lines[0];
  EXPECT_NE(lines[0].find("does not verify with any --credential-key"), std::string::npos);
}

TEST(CredentialsTest, WrongKeyIsRefusedAndTheOtherAppsBoot) {
  const std::string hello = Path("//apps/examples/hello:hello.tbf");
  const std::string log =
      RunToExit({Signed(), hello}, {"--credential-key=" + Key("p256-b.pub.pem")},
                ExitStatus::Exited(1), true);
  const std::vector<std::string> lines = LinesWith(log, "not loading");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_EQ(lines[0].rfind("tockd: not loading " + Signed() + " (hello): ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("does not verify"), std::string::npos) << lines[0];
}

TEST(CredentialsTest, RequireCredentialsRefusesUnsigned) {
  const std::string hello = Path("//apps/examples/hello:hello.tbf");
  const std::string log =
      RunToExit({hello}, {"--credential-key=" + Key("p256-a.pub.pem"), "--require-credentials"},
                ExitStatus::Exited(1), false);
  const std::vector<std::string> lines = LinesWith(log, "not loading");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_EQ(lines[0],
            "tockd: not loading " + hello +
                " (hello): no accepted credential (--require-credentials): the TBF has no ECDSA "
                "P-256 signature; sign it with `tbf create --sign-key KEY.pem`");
}

TEST(CredentialsTest, DefaultPolicyRunsUnsignedAndSigned) {
  // No key given: the signature cannot be checked and, as on upstream's default boards,
  // nothing is required.
  auto tockd = Tockd::Start({.apps = {Signed()}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_TRUE((*tockd)->WaitForConsole("Hello, World!"));
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0)) << (*tockd)->Log();
}

TEST(CredentialsTest, SecondAppWithTheSameShortIdIsNotStarted) {
  // "MnHTDqzD" and "K5EvoGH0" have the same CRC-32/POSIX, so the same ShortId.
  const std::string a = Path("//tests/integration:twin_MnHTDqzD.tbf");
  const std::string b = Path("//tests/integration:twin_K5EvoGH0.tbf");
  const std::string log = RunToExit({a, b}, {}, ExitStatus::Exited(1), true);
  const std::vector<std::string> lines = LinesWith(log, "not loading");
  ASSERT_EQ(lines.size(), 1u) << log;
  EXPECT_EQ(lines[0], "tockd: not loading " + b +
                          " (K5EvoGH0): ShortId 0x00fccc8c already in use by " + a +
                          " (two processes with the same ShortId never run at once; it is not "
                          "started)");
}

TEST(CredentialsTest, PsShowsShortIdAndCredential) {
  const std::string hello = Path("//apps/examples/hello:hello.tbf");
  const std::string twin = Path("//tests/integration:twin_MnHTDqzD.tbf");
  auto tockd = Tockd::Start({.apps = {Signed(), twin},
                             .flags = {"--credential-key=" + Key("p256-a.pub.pem")},
                             .exit_when_done = false,
                             .control = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitFor(harness::Stream::kConsole, "Hello, World!", 2, absl::Seconds(20)));
  absl::StatusOr<std::vector<std::string>> ps = t.control().Request("ps");
  ASSERT_TRUE(ps.ok()) << ps.status();
  ASSERT_EQ(ps->size(), 2u);
  // hello's ShortId is CRC-32/POSIX("hello"); the twin's, of its name.
  EXPECT_NE((*ps)[0].find(" name=hello "), std::string::npos) << (*ps)[0];
  EXPECT_NE((*ps)[0].find(" short_id=0x"), std::string::npos) << (*ps)[0];
  EXPECT_TRUE(absl::EndsWith((*ps)[0], " credential=signed")) << (*ps)[0];
  EXPECT_TRUE(absl::EndsWith((*ps)[1], " short_id=0x00fccc8c credential=none")) << (*ps)[1];
}

TEST(CredentialsTest, ProcessInfoDriverSeesTheShortIdsTockdAssigned) {
  const std::string twin = Path("//tests/integration:twin_MnHTDqzD.tbf");
  const std::string app = Path("//apps/examples/process_info:process_info.tbf");
  auto tockd = Tockd::Start({.apps = {twin, app}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_TRUE(t.WaitForConsole("process_info: 2 processes"));
  EXPECT_TRUE(t.WaitForConsole("process_info: MnHTDqzD short_id 00fccc8c state "));
  EXPECT_TRUE(t.WaitForConsole("process_info: process_info short_id c629ec4c state 0"));
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(0)) << t.Log();
}

}  // namespace
}  // namespace tock::integration
