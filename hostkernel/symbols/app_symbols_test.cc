// ResolveAppElfPaths: the ELF beside each TBF, --symbols=APP=PATH and --symbols=DIR, TAB apps,
// and what is an error (a bad flag value) or a warning (a missing ELF, an unknown app).
#include "hostkernel/symbols/app_symbols.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

class AppSymbolsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = std::string(tmp ? tmp : "/tmp") + "/app_symbols";
    mkdir(dir_.c_str(), 0755);
    mkdir((dir_ + "/syms").c_str(), 0755);
    Touch(dir_ + "/hello.tbf");
    Touch(dir_ + "/hello.elf");
    Touch(dir_ + "/blink.tbf");  // no blink.elf beside it
    Touch(dir_ + "/syms/blink.elf");
  }
  static void Touch(const std::string& path) { std::ofstream(path) << "x"; }
  std::vector<AppSource> Apps() const {
    return {{"hello", dir_ + "/hello.tbf"},
            {"blink", dir_ + "/blink.tbf"},
            {"counter", dir_ + "/all.tab:x32.tbf"}};
  }
  std::string dir_;
  std::vector<std::string> warnings_;
};

TEST_F(AppSymbolsTest, ByDefaultTheElfBesideTheTbf) {
  absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths("", Apps(), &warnings_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->elf.at("hello"), dir_ + "/hello.elf");
  EXPECT_EQ(p->elf.count("blink"), 0u);
  EXPECT_EQ(p->missing.at("blink"),
            "no " + dir_ + "/blink.elf; name the ELF with --symbols=blink=PATH");
  EXPECT_EQ(p->missing.at("counter"), "app from a TAB; name its ELF with --symbols=counter=PATH");
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(AppSymbolsTest, AppEqualsPathWinsOverTheElfBeside) {
  absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths(
      "hello=" + dir_ + "/syms/blink.elf,counter=" + dir_ + "/hello.elf", Apps(), &warnings_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->elf.at("hello"), dir_ + "/syms/blink.elf");
  EXPECT_EQ(p->elf.at("counter"), dir_ + "/hello.elf");
  EXPECT_EQ(p->missing.count("blink"), 1u);
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(AppSymbolsTest, DirectoryGivesNameDotElfThenTheElfBeside) {
  absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths(dir_ + "/syms", Apps(), &warnings_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->elf.at("blink"), dir_ + "/syms/blink.elf");
  EXPECT_EQ(p->elf.at("hello"), dir_ + "/hello.elf");
  EXPECT_EQ(p->elf.count("counter"), 0u);
}

TEST_F(AppSymbolsTest, MissingElfAndUnknownAppAreWarnings) {
  absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths(
      "hello=" + dir_ + "/nope.elf,ghost=" + dir_ + "/hello.elf", Apps(), &warnings_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->elf.at("hello"), dir_ + "/nope.elf");  // the dump will say why
  ASSERT_EQ(warnings_.size(), 2u);
  EXPECT_EQ(warnings_[0], "--symbols: " + dir_ + "/nope.elf: No such file or directory");
  EXPECT_EQ(warnings_[1], "--symbols: no app 'ghost' is loaded");
}

TEST_F(AppSymbolsTest, UnusableFlagValuesAreErrors) {
  for (const std::string bad : {"=x.elf", "hello=", "hello=a.elf,junk"}) {
    absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths(bad, Apps(), &warnings_);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().message().substr(0, 46), "--symbols: expected APP=PATH[,APP=PATH] or DIR")
        << p.status();
  }
  absl::StatusOr<AppElfPaths> file = ResolveAppElfPaths(dir_ + "/hello.elf", Apps(), &warnings_);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().message(), "--symbols: " + dir_ +
                                         "/hello.elf: not a directory (give DIR or "
                                         "APP=PATH[,APP=PATH])");
  absl::StatusOr<AppElfPaths> none = ResolveAppElfPaths(dir_ + "/none", Apps(), &warnings_);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("No such file or directory"), std::string::npos);
}

TEST_F(AppSymbolsTest, RelativePathsAreAlsoTriedFromTheCallersDirectory) {
  setenv("BUILD_WORKING_DIRECTORY", dir_.c_str(), 1);
  absl::StatusOr<AppElfPaths> p = ResolveAppElfPaths(
      "blink=syms/blink.elf", {{"blink", "blink.tbf"}, {"hello", "hello.tbf"}}, &warnings_);
  unsetenv("BUILD_WORKING_DIRECTORY");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->elf.at("blink"), dir_ + "/syms/blink.elf");
  EXPECT_EQ(p->elf.at("hello"), dir_ + "/hello.elf");
  EXPECT_TRUE(warnings_.empty());
}

}  // namespace
}  // namespace tock::hostkernel
