// .tab bundles: the upstream blink-2020.tab vector reads as its README says, and bundles we write
// read back identically; damaged tar input is an error, not a crash.
#include "tbf-tools/tab.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "gtest/gtest.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/tar.h"

namespace tock::tbf {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes ReadVector(const std::string& name) {
  std::ifstream f("tbf-tools/testdata/vectors/" + name, std::ios::binary);
  EXPECT_TRUE(f.good()) << name;
  return Bytes(std::istreambuf_iterator<char>(f), {});
}

TEST(TabTest, ReadsUpstreamBlinkTab) {
  auto tab = ReadTab(ReadVector("blink-2020.tab"));
  ASSERT_TRUE(tab.ok()) << tab.status();
  EXPECT_EQ(tab->metadata.tab_version, 1);
  EXPECT_EQ(tab->metadata.name, "blink");
  ASSERT_TRUE(tab->metadata.only_for_boards);
  EXPECT_EQ(*tab->metadata.only_for_boards, "");
  ASSERT_TRUE(tab->metadata.build_date);
  EXPECT_EQ(*tab->metadata.build_date, "2020-03-22T12:59:03Z");
  ASSERT_EQ(tab->tbfs.size(), 1u);  // cortex-m4.bin is not a TBF member
  EXPECT_EQ(tab->tbfs[0].member_name, "cortex-m4.tbf");
  EXPECT_EQ(tab->tbfs[0].arch, "cortex-m4");
  EXPECT_EQ(tab->tbfs[0].bytes, ReadVector("blink-2020.cortex-m4.tbf"));
  EXPECT_EQ(TbfsForArch(*tab, "cortex-m4").size(), 1u);
  EXPECT_TRUE(TbfsForArch(*tab, "rv32imc").empty());
}

TEST(TabTest, WrittenTabReadsBackWithFixedAddressMembers) {
  Tab tab;
  tab.metadata.name = "retro_game";
  tab.metadata.minimum_tock_kernel_version = "2.2";
  tab.tbfs.push_back({"cortex-m4.tbf", "cortex-m4", ReadVector("retro_game.cortex-m4.tbf")});
  tab.tbfs.push_back({"rv32imac.0x20040080.0x80002800.tbf", "rv32imac",
                      ReadVector("retro_game.rv32imac.0x20040080.0x80002800.tbf")});
  auto bytes = WriteTab(tab);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size() % 512, 0u);
  auto back = ReadTab(*bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->metadata.name, "retro_game");
  EXPECT_EQ(*back->metadata.minimum_tock_kernel_version, "2.2");
  EXPECT_FALSE(back->metadata.build_date);
  ASSERT_EQ(back->tbfs.size(), 2u);
  auto rv = TbfsForArch(*back, "rv32imac");
  ASSERT_EQ(rv.size(), 1u);
  EXPECT_EQ(rv[0]->bytes, tab.tbfs[1].bytes);
  EXPECT_TRUE(ParseTbf(rv[0]->bytes).ok());
}

TEST(TabTest, DamagedArchivesAreErrors) {
  Bytes tab = ReadVector("blink-2020.tab");
  Bytes bad_sum = tab;
  bad_sum[0] ^= 1;  // first header's name changes, checksum no longer matches
  EXPECT_FALSE(ReadTab(bad_sum).ok());
  for (size_t n : {100ul, 700ul, 1000ul, 17000ul}) {
    EXPECT_FALSE(ReadTab(Bytes(tab.begin(), tab.begin() + n)).ok()) << n;
  }
  EXPECT_FALSE(ReadTab(Bytes(1024, 0)).ok());  // empty archive: no metadata.toml
}

// Every prefix of a real .tab and bytes flipped all over it: an error (or, where the damage
// misses what we read, a result), never a crash; errors are one line.
TEST(TabTest, TruncatedAndGarbledArchivesGiveOneLineErrors) {
  const Bytes tab = ReadVector("blink-2020.tab");
  int errors = 0;
  for (size_t n = 0; n < tab.size(); n += 97) {
    auto r = ReadTab(Bytes(tab.begin(), tab.begin() + static_cast<std::ptrdiff_t>(n)));
    if (!r.ok()) {
      ++errors;
      EXPECT_EQ(r.status().message().find('\n'), std::string::npos) << r.status();
    }
  }
  EXPECT_GT(errors, 300);  // only prefixes past the TBF member (and its tail) may read
  for (size_t at = 0; at < size_t{3} * 512; at += 7) {
    Bytes bad = tab;
    bad[at] ^= 0xA5;
    auto r = ReadTab(bad);
    if (!r.ok()) {
      EXPECT_EQ(r.status().message().find('\n'), std::string::npos) << r.status();
    }
  }
  uint32_t x = 12345;
  Bytes garbage(4096);
  for (uint8_t& b : garbage) {
    x = x * 1103515245 + 12345;
    b = static_cast<uint8_t>(x >> 16);
  }
  EXPECT_FALSE(ReadTab(garbage).ok());
  std::memcpy(garbage.data() + 257, "ustar", 5);
  EXPECT_FALSE(ReadTab(garbage).ok());
}

TEST(TabTest, MetadataTomlErrorsAreOneLine) {
  auto bad = ParseMetadataToml("tab-version = 1\nname = \"unterminated\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("metadata.toml line 2: ", 0), 0u) << bad.status();
  EXPECT_EQ(bad.status().message().find('\n'), std::string::npos);
  EXPECT_FALSE(ParseMetadataToml("tab-version = \"1\"\n").ok());
  EXPECT_FALSE(ParseMetadataToml("tab-version = 1\nname = 3\n").ok());
  auto extra = ParseMetadataToml("tab-version = 1\nfuture-key = [1, 2]\n[table]\nx = 1\n");
  ASSERT_TRUE(extra.ok()) << extra.status();  // unknown keys are ignored, as tockloader does
  EXPECT_EQ(extra->name, "");
}

TEST(TabTest, BuildDateIsATomlDateTimeWhenItIsOne) {
  TabMetadata m;
  m.build_date = "2020-03-22T12:59:03Z";
  EXPECT_NE(FormatMetadataToml(m).find("build-date = 2020-03-22T12:59:03Z\n"), std::string::npos);
  m.build_date = "yesterday\nname = \"evil\"";
  auto back = ParseMetadataToml(FormatMetadataToml(m));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back->build_date, *m.build_date);
  EXPECT_EQ(back->name, "");
}

TEST(TabTest, MetadataTomlRoundTrips) {
  TabMetadata m;
  m.name = "a \"quoted\" name";
  m.only_for_boards = "hail,imix";
  auto back = ParseMetadataToml(FormatMetadataToml(m));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->name, m.name);
  EXPECT_EQ(*back->only_for_boards, "hail,imix");
  EXPECT_FALSE(ParseMetadataToml("name = \"x\"\n").ok());  // no tab-version
}

}  // namespace
}  // namespace tock::tbf
