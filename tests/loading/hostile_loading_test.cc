// Hostile app files through the real tockd (issue 18): every generated case (hostile_tbf.h) is
// given to tockd before the good `witness` app, with --exit-when-done --time=virtual. For every
// run: tockd exits by itself (no crash, no hang: the harness's wait guard), the witness runs to
// completion, the log carries no raw control bytes. A `refused` case gets exactly one line
// `tockd: not loading PATH (NAME): REASON` (NAME as the case says, REASON in words) and exit 1;
// a `loads` case gets no such line, exit 0, and its output. Runs: all refused cases in batches
// (one tockd each), and one tockd per case for every 10th refused case and every other case.
#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/harness/data_path.h"
#include "tests/harness/tockd.h"
#include "tests/loading/hostile_tbf.h"
#include "tests/loading/inputs.h"

namespace tock::loading {
namespace {

using harness::ExitStatus;
using harness::Tockd;

constexpr char kPrefix[] = "tockd: not loading ";
constexpr size_t kBatchSize = 40;

struct Suite {
  std::vector<HostileCase> cases;
  std::vector<std::string> paths;  // where each case was written
  std::string good;                // the witness TBF
  std::string error;               // why the suite could not be set up
};

const Suite& GetSuite() {
  static const Suite* suite = [] {
    auto* s = new Suite;
    absl::StatusOr<GeneratorInput> in = LoadGeneratorInput();
    absl::StatusOr<std::string> good = harness::DataPath(kGoodTbf);
    if (!in.ok() || !good.ok()) {
      s->error = absl::StrCat(in.status().ToString(), " ", good.status().ToString());
      return s;
    }
    s->good = *good;
    absl::StatusOr<std::vector<HostileCase>> cases = MakeHostileCases(*in);
    if (!cases.ok()) {
      s->error = cases.status().ToString();
      return s;
    }
    const char* tmp = std::getenv("TEST_TMPDIR");
    const std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/hostile");
    HostileCase d;
    d.kind = FileKind::kDirectory;
    d.file_name = "hostile";
    MaterializeCase(d, tmp != nullptr ? tmp : "/tmp").IgnoreError();
    for (const HostileCase& c : *cases) {
      absl::StatusOr<std::string> path = MaterializeCase(c, dir);
      if (!path.ok()) {
        s->error = path.status().ToString();
        return s;
      }
      s->paths.push_back(*path);
    }
    s->cases = *std::move(cases);
    return s;
  }();
  return *suite;
}

std::vector<std::string> LogLines(const Tockd& t) {
  std::vector<std::string> lines;
  std::string log = t.Log();
  size_t start = 0;
  while (start < log.size()) {
    size_t nl = log.find('\n', start);
    if (nl == std::string::npos) {
      nl = log.size();
    }
    lines.push_back(log.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool IsRefusal(const std::string& line) { return absl::StartsWith(line, kPrefix); }

// The refusal line for `c` written at `path` among `lines`: exactly one, in the contract's form.
::testing::AssertionResult CheckRefusal(const HostileCase& c, const std::string& path,
                                        const std::vector<std::string>& lines,
                                        const std::string& good) {
  const std::string shown = c.member.empty() ? path : absl::StrCat(path, ":", c.member);
  std::vector<std::string> mine;
  for (const std::string& line : lines) {
    if (absl::StartsWith(line, absl::StrCat(kPrefix, path, " (")) ||
        absl::StartsWith(line, absl::StrCat(kPrefix, path, ":"))) {
      mine.push_back(line);
    }
  }
  if (mine.size() != 1) {
    return ::testing::AssertionFailure()
           << c.name << " (" << c.rule << "): want one '" << kPrefix << shown
           << " (NAME): REASON' line, got " << mine.size() << ":\n"
           << absl::StrJoin(mine, "\n");
  }
  const std::string& line = mine[0];
  const std::string head = absl::StrCat(kPrefix, shown, " (");
  if (!absl::StartsWith(line, head)) {
    return ::testing::AssertionFailure() << c.name << ": want PATH " << shown << " in: " << line;
  }
  const std::string rest = line.substr(head.size());
  std::vector<std::string> names;
  if (c.name_rule != NameRule::kQuery) {
    names.push_back(c.name_in_line);
  }
  if (c.name_rule != NameRule::kExact) {
    names.push_back("?");
  }
  std::string reason;
  for (const std::string& n : names) {
    if (absl::StartsWith(rest, n + "): ")) {
      reason = rest.substr(n.size() + 3);
    }
  }
  if (reason.empty()) {
    return ::testing::AssertionFailure() << c.name << ": want NAME " << absl::StrJoin(names, " or ")
                                         << " and a reason in: " << line;
  }
  for (unsigned char ch : line) {
    if (ch < 0x20 || ch == 0x7f) {
      return ::testing::AssertionFailure() << c.name << ": raw control byte in: " << line;
    }
  }
  if (std::none_of(reason.begin(), reason.end(),
                   [](unsigned char ch) { return std::isalpha(ch); }) ||
      std::regex_search(reason, std::regex("error -?[0-9]+"))) {
    return ::testing::AssertionFailure() << c.name << ": reason not in words: " << line;
  }
  if (!c.reason_word.empty() &&
      !absl::StrContains(absl::AsciiStrToLower(reason), absl::AsciiStrToLower(c.reason_word))) {
    return ::testing::AssertionFailure()
           << c.name << ": reason should mention '" << c.reason_word << "': " << line;
  }
  if (c.after_good && !absl::StrContains(reason, good)) {
    return ::testing::AssertionFailure()
           << c.name << ": reason should name the first app's path " << good << ": " << line;
  }
  return ::testing::AssertionSuccess();
}

// Checks that hold for every run: tockd exited by itself with `want_exit`, the good app ran to
// completion, no raw control bytes in the log, `refusals` refusal lines.
void CheckRun(Tockd& t, int want_exit, size_t refusals) {
  const ExitStatus status = t.WaitForExit();
  EXPECT_EQ(status, ExitStatus::Exited(want_exit)) << absl::StrJoin(t.argv(), " ") << "\n"
                                                   << t.Log();
  EXPECT_TRUE(absl::StrContains(t.Console(), kGoodOutput)) << "the good app did not run\n"
                                                           << t.Log();
  const std::string log = t.Log();
  for (unsigned char ch : log) {
    if ((ch < 0x20 && ch != '\n') || ch == 0x7f) {
      ADD_FAILURE() << "raw control byte 0x" << std::hex << int{ch} << " in the log:\n" << log;
      break;
    }
  }
  const std::vector<std::string> lines = LogLines(t);
  EXPECT_EQ(static_cast<size_t>(std::count_if(lines.begin(), lines.end(), IsRefusal)), refusals)
      << log;
  EXPECT_FALSE(absl::StrContains(log, "kernel panic")) << log;
}

absl::StatusOr<std::unique_ptr<Tockd>> StartTockd(std::vector<std::string> files,
                                                  std::vector<std::string> flags = {},
                                                  absl::Duration guard = absl::Seconds(20)) {
  flags.push_back("--log-level=info");
  flags.insert(flags.end(), files.begin(), files.end());
  return Tockd::Start({.flags = flags,
                       .log_level = "",
                       .exit_when_done = true,
                       .time = harness::TimeMode::kVirtual,
                       .default_timeout = guard});
}

TEST(HostileLoadingTest, SuiteIsSetUp) {
  const Suite& s = GetSuite();
  ASSERT_EQ(s.error, "");
  EXPECT_GE(s.cases.size(), 200u);
}

// All refused cases, kBatchSize bad files then the good app per tockd.
TEST(HostileLoadingTest, BatchedRefusals) {
  const Suite& s = GetSuite();
  ASSERT_EQ(s.error, "");
  std::vector<size_t> refused;
  for (size_t i = 0; i < s.cases.size(); ++i) {
    if (s.cases[i].expect == Expect::kRefused && !s.cases[i].after_good) {
      refused.push_back(i);
    }
  }
  for (size_t from = 0; from < refused.size(); from += kBatchSize) {
    const size_t to = std::min(refused.size(), from + kBatchSize);
    std::vector<std::string> files;
    for (size_t k = from; k < to; ++k) {
      files.push_back(s.paths[refused[k]]);
    }
    files.push_back(s.good);
    SCOPED_TRACE(absl::StrCat("batch of cases ", from, "..", to - 1));
    auto tockd = StartTockd(files, {}, absl::Seconds(60));
    ASSERT_TRUE(tockd.ok()) << tockd.status();
    CheckRun(**tockd, 1, to - from);
    const std::vector<std::string> lines = LogLines(**tockd);
    for (size_t k = from; k < to; ++k) {
      EXPECT_TRUE(CheckRefusal(s.cases[refused[k]], s.paths[refused[k]], lines, s.good));
    }
  }
}

// One tockd per case: every 10th refused case, every loading case and the after-good ones.
std::vector<size_t> SampledCases() {
  const Suite& s = GetSuite();
  std::vector<size_t> out;
  size_t refused = 0;
  for (size_t i = 0; i < s.cases.size(); ++i) {
    const HostileCase& c = s.cases[i];
    if (c.expect == Expect::kLoads || c.after_good ||
        (c.expect == Expect::kRefused && refused++ % 10 == 0)) {
      out.push_back(i);
    }
  }
  return out;
}

class HostileCaseTest : public ::testing::TestWithParam<size_t> {};

TEST_P(HostileCaseTest, AloneBesideTheGoodApp) {
  const Suite& s = GetSuite();
  const HostileCase& c = s.cases[GetParam()];
  const std::string& path = s.paths[GetParam()];
  SCOPED_TRACE(absl::StrCat(c.name, " [", c.category, ", ", ExpectName(c.expect), "]: ", c.rule));
  std::vector<std::string> files = {path, s.good};
  if (c.after_good) {
    std::swap(files[0], files[1]);
  }
  auto tockd = StartTockd(files);
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  if (c.expect == Expect::kRefused) {
    CheckRun(t, 1, 1);
    EXPECT_TRUE(CheckRefusal(c, path, LogLines(t), s.good));
  } else {
    CheckRun(t, 0, 0);
    if (!c.output.empty()) {
      EXPECT_TRUE(absl::StrContains(t.Console(), c.output)) << t.Console() << "\n" << t.Log();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sampled, HostileCaseTest, ::testing::ValuesIn(SampledCases()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           std::string n = GetSuite().cases[info.param].name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// --strict: one refused app and tockd exits 2 before starting any.
TEST(HostileLoadingTest, StrictStartsNothing) {
  const Suite& s = GetSuite();
  ASSERT_EQ(s.error, "");
  auto bad = std::find_if(s.cases.begin(), s.cases.end(),
                          [](const HostileCase& c) { return c.name == "checksum_zero"; });
  ASSERT_NE(bad, s.cases.end());
  const std::string& path = s.paths[bad - s.cases.begin()];
  auto tockd = StartTockd({path, s.good}, {"--strict"});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(2)) << t.Log();
  EXPECT_FALSE(absl::StrContains(t.Console(), kGoodOutput)) << "an app started under --strict";
  EXPECT_TRUE(CheckRefusal(*bad, path, LogLines(t), s.good));
}

// The same package name twice: the first keeps it, the second is refused naming the first.
TEST(HostileLoadingTest, SameNameTwiceRefusesTheSecond) {
  const Suite& s = GetSuite();
  ASSERT_EQ(s.error, "");
  absl::StatusOr<std::string> base = harness::DataPath(kBaseTbf);
  ASSERT_TRUE(base.ok()) << base.status();
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadBytes(*base);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  const std::string dir = s.paths[0].substr(0, s.paths[0].rfind('/'));
  HostileCase copy;
  copy.bytes = *bytes;
  copy.file_name = "first_hello.tbf";
  absl::StatusOr<std::string> first = MaterializeCase(copy, dir);
  copy.file_name = "second_hello.tbf";
  absl::StatusOr<std::string> second = MaterializeCase(copy, dir);
  ASSERT_TRUE(first.ok() && second.ok());
  auto tockd = StartTockd({*first, *second, s.good});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  CheckRun(t, 1, 1);
  EXPECT_EQ(t.Count(harness::Stream::kConsole, kBaseOutput), 1) << t.Console();
  HostileCase want;
  want.name = "second_hello";
  want.name_rule = NameRule::kExact;
  want.name_in_line = "hello";
  want.reason_word = "already in use";
  want.after_good = true;  // the reason names the first app's path
  EXPECT_TRUE(CheckRefusal(want, *second, LogLines(t), *first));
}

}  // namespace
}  // namespace tock::loading
