// FileFlash: pages written survive closing and reopening the file; a new file reads erased
// (0xFF); errors for bad page/size/busy; completions come from the loop.
#include "hostkernel/peripherals/file_flash.h"

#include <unistd.h>

#include <array>
#include <string>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"

namespace tockpp::hostkernel {
namespace {

using ::tock::ErrorCode;

struct Client : ::tock::hil::flash::Client {
  void ReadComplete(uint8_t*, size_t, ::tock::Result<void> s) override { reads += s.ok(); }
  void WriteComplete(uint8_t*, size_t, ::tock::Result<void> s) override { writes += s.ok(); }
  void EraseComplete(::tock::Result<void> s) override { erases += s.ok(); }
  int reads = 0, writes = 0, erases = 0;
};

std::string TempPath(const char* tag) {
  const char* dir = getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + tag + std::to_string(getpid()) + ".bin";
}

TEST(FileFlashTest, NewFileReadsErasedAndWritesPersistAcrossReopen) {
  std::string path = TempPath("flash");
  unlink(path.c_str());
  PollReactor r;
  std::array<uint8_t, 256> page;
  {
    auto flash = FileFlash::Open(r, path, 256, 4);
    ASSERT_TRUE(flash.ok()) << flash.status();
    Client c;
    (*flash)->SetClient(c);
    EXPECT_EQ((*flash)->PageSize(), 256u);
    EXPECT_EQ((*flash)->PageCount(), 4u);
    ASSERT_TRUE((*flash)->ReadPage(3, page.data(), page.size()).ok());
    EXPECT_EQ(c.reads, 0);  // completion comes from the loop
    r.RunPosted();
    EXPECT_EQ(c.reads, 1);
    for (uint8_t b : page) {
      ASSERT_EQ(b, 0xFF);
    }

    for (size_t i = 0; i < page.size(); ++i) {
      page[i] = static_cast<uint8_t>(i);
    }
    ASSERT_TRUE((*flash)->WritePage(2, page.data(), page.size()).ok());
    EXPECT_EQ((*flash)->WritePage(1, page.data(), page.size()).error(), ErrorCode::kBusy);
    r.RunPosted();
    EXPECT_EQ(c.writes, 1);
  }
  {
    auto flash = FileFlash::Open(r, path, 256, 4);
    ASSERT_TRUE(flash.ok());
    Client c;
    (*flash)->SetClient(c);
    page.fill(0);
    ASSERT_TRUE((*flash)->ReadPage(2, page.data(), page.size()).ok());
    r.RunPosted();
    for (size_t i = 0; i < page.size(); ++i) {
      ASSERT_EQ(page[i], static_cast<uint8_t>(i));
    }

    ASSERT_TRUE((*flash)->ErasePage(2).ok());
    r.RunPosted();
    EXPECT_EQ(c.erases, 1);
    ASSERT_TRUE((*flash)->ReadPage(2, page.data(), page.size()).ok());
    r.RunPosted();
    for (uint8_t b : page) {
      ASSERT_EQ(b, 0xFF);
    }
  }
  unlink(path.c_str());
}

TEST(FileFlashTest, RejectsBadPageAndSizeWithoutCallback) {
  std::string path = TempPath("flashbad");
  unlink(path.c_str());
  PollReactor r;
  auto flash = FileFlash::Open(r, path, 128, 2);
  ASSERT_TRUE(flash.ok());
  Client c;
  (*flash)->SetClient(c);
  std::array<uint8_t, 128> page{};
  EXPECT_EQ((*flash)->ReadPage(2, page.data(), page.size()).error(), ErrorCode::kInval);
  EXPECT_EQ((*flash)->WritePage(0, page.data(), 64).error(), ErrorCode::kSize);
  EXPECT_EQ((*flash)->ErasePage(9).error(), ErrorCode::kInval);
  r.RunPosted();
  EXPECT_EQ(c.reads + c.writes + c.erases, 0);
  unlink(path.c_str());
}

TEST(FileFlashTest, ShortFileIsExtendedWithErasedBytesKeepingItsContent) {
  std::string path = TempPath("flashshort");
  FILE* f = fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  fputs("abc", f);
  fclose(f);
  PollReactor r;
  auto flash = FileFlash::Open(r, path, 16, 2);
  ASSERT_TRUE(flash.ok());
  std::array<uint8_t, 16> page{};
  ASSERT_TRUE((*flash)->ReadPage(0, page.data(), page.size()).ok());
  r.RunPosted();
  EXPECT_EQ(page[0], 'a');
  EXPECT_EQ(page[2], 'c');
  EXPECT_EQ(page[3], 0xFF);
  unlink(path.c_str());
}

TEST(FileFlashTest, UnopenablePathIsAnError) {
  PollReactor r;
  EXPECT_FALSE(FileFlash::Open(r, "/nonexistent-dir/x/flash.bin", 256, 1).ok());
}

}  // namespace
}  // namespace tockpp::hostkernel
