// The generator: rebuilding the base reproduces it byte for byte (so every case differs from a
// real app only by its defect), names and file names are unique, the set is large and covers
// every category, and each TBF-shaped case that must load really parses.
#include "tests/loading/hostile_tbf.h"

#include <map>
#include <set>

#include "gtest/gtest.h"
#include "tbf-tools/lib/parser.h"
#include "tests/loading/inputs.h"

namespace tock::loading {
namespace {

std::vector<HostileCase> Cases() {
  absl::StatusOr<GeneratorInput> in = LoadGeneratorInput();
  EXPECT_TRUE(in.ok()) << in.status();
  if (!in.ok()) {
    return {};
  }
  absl::StatusOr<std::vector<HostileCase>> cases = MakeHostileCases(*in);
  EXPECT_TRUE(cases.ok()) << cases.status();
  return cases.ok() ? *cases : std::vector<HostileCase>{};
}

TEST(HostileTbfTest, ManyUniqueCasesInEveryCategory) {
  const std::vector<HostileCase> cases = Cases();
  EXPECT_GE(cases.size(), 200u);
  std::set<std::string> names, files;
  std::map<std::string, int> per_category;
  for (const HostileCase& c : cases) {
    EXPECT_TRUE(names.insert(c.name).second) << "duplicate name " << c.name;
    EXPECT_TRUE(files.insert(c.file_name).second) << "duplicate file " << c.file_name;
    EXPECT_FALSE(c.rule.empty()) << c.name;
    EXPECT_EQ(c.file_name.find('/'), std::string::npos) << c.name;
    ++per_category[c.category];
  }
  for (const char* cat :
       {"base_header", "checksum", "tlv_length", "layout", "ram", "fixed_address", "name", "footer",
        "truncated", "garbage", "file", "tab", "architecture"}) {
    EXPECT_GT(per_category[cat], 0) << cat;
  }
}

TEST(HostileTbfTest, LoadingTbfCasesParse) {
  for (const HostileCase& c : Cases()) {
    if (c.expect != Expect::kLoads || c.category == "tab") {
      continue;
    }
    tock::tbf::Result<tock::tbf::TbfHeader> h =
        tock::tbf::ParseTbf(std::span<const uint8_t>(c.bytes));
    EXPECT_TRUE(h.ok()) << c.name << ": " << (h.ok() ? "" : h.error().field);
  }
}

TEST(HostileTbfTest, Deterministic) {
  const std::vector<HostileCase> a = Cases(), b = Cases();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].bytes, b[i].bytes) << a[i].name;
  }
}

TEST(HostileTbfTest, BaseMustBeAHostApp) {
  absl::StatusOr<GeneratorInput> in = LoadGeneratorInput();
  ASSERT_TRUE(in.ok()) << in.status();
  in->base_tbf = in->foreign.front().second;  // an upstream Cortex-M build
  EXPECT_FALSE(MakeHostileCases(*in).ok());
}

TEST(HostileTbfTest, EscapeName) {
  EXPECT_EQ(EscapeName("hello"), "hello");
  EXPECT_EQ(EscapeName("a\nb"), "a\\x0ab");
  EXPECT_EQ(EscapeName("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeName(std::string("\x1b\x7f\0", 3)), "\\x1b\\x7f\\x00");
}

}  // namespace
}  // namespace tock::loading
