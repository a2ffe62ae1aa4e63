// The checked-in malformed corpus is exactly what MakeMalformedCases generates (so it cannot rot)
// and the library rejects every image, naming the expected field at an in-bounds offset.
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/testdata/malformed_cases.h"

namespace tock::tbf::testdata {
namespace {

constexpr char kDir[] = "tbf-tools/testdata/malformed/";

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(f.good()) << path;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

// ParseTbf, then CheckIntegrity; the first error.
std::optional<Error> FirstError(std::span<const uint8_t> image) {
  Result<TbfHeader> h = ParseTbf(image);
  if (!h.ok()) {
    return h.error();
  }
  Result<IntegrityReport> r = CheckIntegrity(image, h.value());
  if (!r.ok()) {
    return r.error();
  }
  return std::nullopt;
}

TEST(MalformedCorpusTest, HasAtLeastThirtyCases) { EXPECT_GE(MakeMalformedCases().size(), 30u); }

TEST(MalformedCorpusTest, CheckedInFilesMatchGenerator) {
  std::map<std::string, std::string> expected;
  std::istringstream lines(std::string(
      reinterpret_cast<const char*>(ReadFile(std::string(kDir) + "expected.txt").data()),
      ReadFile(std::string(kDir) + "expected.txt").size()));
  std::string file, field;
  while (lines >> file >> field) {
    expected[file] = field;
  }
  const auto cases = MakeMalformedCases();
  EXPECT_EQ(expected.size(), cases.size());
  for (const auto& c : cases) {
    EXPECT_EQ(ReadFile(kDir + c.name + ".tbf"), c.bytes) << c.name << ": regenerate with "
                                                         << "make_malformed";
    EXPECT_EQ(expected[c.name + ".tbf"], c.expected_field) << c.name;
  }
}

TEST(MalformedCorpusTest, EveryCaseIsRejectedNamingTheField) {
  for (const auto& c : MakeMalformedCases()) {
    std::optional<Error> e = FirstError(c.bytes);
    ASSERT_TRUE(e.has_value()) << c.name << " was accepted";
    EXPECT_STREQ(e->field, c.expected_field.c_str()) << c.name;
    EXPECT_LE(e->offset, std::max<size_t>(c.bytes.size(), 16)) << c.name;
  }
}

TEST(MalformedCorpusTest, ValidSeedsAreAccepted) {
  for (const auto& [name, bytes] : MakeValidSeeds()) {
    Result<TbfHeader> h = ParseTbf(bytes);
    ASSERT_TRUE(h.ok()) << name << ": " << h.error().field;
    EXPECT_TRUE(CheckIntegrity(bytes, h.value()).ok()) << name;
  }
}

}  // namespace
}  // namespace tock::tbf::testdata
