// FileFlash: a new file gets a header and reads erased (0xFF); pages written survive closing
// and reopening; the header round-trips; every kind of unfit file (empty, short, oversized,
// garbage, corrupted header, other version or geometry, not a regular file) is refused with
// its reason unless reset; a second open of a file in use is refused (flock); errors for bad
// page/size/busy; completions come from the loop.
#include "hostkernel/peripherals/file_flash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"

namespace tock::hostkernel {
namespace {

using ::tock::ErrorCode;
using Mode = FileFlash::OpenMode;

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

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A file as this FileFlash would write it for `pages` pages of `page` bytes, data all `fill`.
std::string ValidImage(size_t page, size_t pages, char fill = '\xFF') {
  FlashFileHeader h = FlashFileHeader::For(page, pages);
  auto enc = h.Encode();
  std::string s(h.header_size, '\0');
  std::copy(enc.begin(), enc.end(), s.begin());
  s.append(h.data_size, fill);
  return s;
}

// Opening `content` (page 256 x 4) without reset fails with DataLoss mentioning `reason`.
void ExpectRefused(const std::string& content, const std::string& reason) {
  std::string path = TempPath("flashrefuse");
  WriteAll(path, content);
  PollReactor r;
  auto flash = FileFlash::Open(r, path, 256, 4);
  ASSERT_FALSE(flash.ok());
  EXPECT_TRUE(absl::IsDataLoss(flash.status())) << flash.status();
  EXPECT_NE(flash.status().message().find(reason), std::string::npos) << flash.status();
  EXPECT_EQ(ReadAll(path), content) << "a refused file is left untouched";
  // Reset makes it usable, erased.
  auto reset = FileFlash::Open(r, path, 256, 4, Mode::kReset);
  ASSERT_TRUE(reset.ok()) << reset.status();
  reset->reset();
  EXPECT_EQ(ReadAll(path), ValidImage(256, 4));
  unlink(path.c_str());
}

TEST(FlashFileHeaderTest, EncodeDecodeRoundTrip) {
  FlashFileHeader h = FlashFileHeader::For(4096, 16);
  EXPECT_EQ(h.header_size, 4096u);
  EXPECT_EQ(h.data_size, 65536u);
  auto enc = h.Encode();
  EXPECT_EQ(std::string(enc.begin(), enc.begin() + 8), "TOCKPPFL");
  auto back = FlashFileHeader::Decode(enc);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, h);
}

TEST(FlashFileHeaderTest, TinyPagesGetAPageAlignedHeader) {
  FlashFileHeader h = FlashFileHeader::For(16, 2);
  EXPECT_EQ(h.header_size, 48u);  // 40 bytes of fields, rounded up to whole pages
}

TEST(FlashFileHeaderTest, Crc32MatchesTheStandardCheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(Crc32(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size())), 0xCBF43926u);
}

TEST(FileFlashTest, NewFileGetsHeaderReadsErasedAndWritesPersistAcrossReopen) {
  std::string path = TempPath("flash");
  unlink(path.c_str());
  PollReactor r;
  std::array<uint8_t, 256> page;
  {
    auto flash = FileFlash::Open(r, path, 256, 4);
    ASSERT_TRUE(flash.ok()) << flash.status();
    EXPECT_EQ(ReadAll(path), ValidImage(256, 4));
    Client c;
    (*flash)->SetClient(c);
    EXPECT_EQ((*flash)->PageSize(), 256u);
    EXPECT_EQ((*flash)->PageCount(), 4u);
    EXPECT_EQ((*flash)->data_offset(), 256u);
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
  // Page 2 lands after the header; the header is untouched.
  std::string image = ReadAll(path);
  ASSERT_EQ(image.size(), 256u * 5);
  EXPECT_EQ(image.substr(0, 256), ValidImage(256, 4).substr(0, 256));
  EXPECT_EQ(static_cast<uint8_t>(image[256 * 3 + 7]), 7);
  {
    auto flash = FileFlash::Open(r, path, 256, 4);
    ASSERT_TRUE(flash.ok()) << flash.status();
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

TEST(FileFlashTest, ResetErasesAValidFileWithData) {
  std::string path = TempPath("flashreset");
  WriteAll(path, ValidImage(256, 4, 'x'));
  PollReactor r;
  {
    auto kept = FileFlash::Open(r, path, 256, 4);
    ASSERT_TRUE(kept.ok()) << kept.status();
  }
  EXPECT_EQ(ReadAll(path), ValidImage(256, 4, 'x'));
  {
    auto reset = FileFlash::Open(r, path, 256, 4, Mode::kReset);
    ASSERT_TRUE(reset.ok()) << reset.status();
  }
  EXPECT_EQ(ReadAll(path), ValidImage(256, 4));
  unlink(path.c_str());
}

TEST(FileFlashTest, ImageIsEveryPageAndCanBeReplacedWhole) {
  std::string path = TempPath("flashimage");
  WriteAll(path, ValidImage(256, 4, 'x'));
  PollReactor r;
  auto flash = FileFlash::Open(r, path, 256, 4);
  ASSERT_TRUE(flash.ok()) << flash.status();
  auto image = (*flash)->ReadImage();
  ASSERT_TRUE(image.ok()) << image.status();
  EXPECT_EQ(*image, ValidImage(256, 4, 'x').substr(256));
  std::string replaced(size_t{256} * 4, 'y');
  replaced[5] = 'z';
  ASSERT_TRUE((*flash)->WriteImage(replaced).ok());
  EXPECT_EQ(*(*flash)->ReadImage(), replaced);
  EXPECT_EQ(ReadAll(path).substr(0, 256), ValidImage(256, 4).substr(0, 256));  // header kept
  EXPECT_FALSE((*flash)->WriteImage("short").ok());
  EXPECT_EQ(*(*flash)->ReadImage(), replaced);
  unlink(path.c_str());
}

TEST(FileFlashTest, RefusesAnEmptyFile) { ExpectRefused("", "is empty (0 bytes)"); }

TEST(FileFlashTest, RefusesAFileTooShortForAHeader) {
  ExpectRefused("abc", "is only 3 bytes, too short for a tockpp flash header");
}

TEST(FileFlashTest, RefusesGarbage) {
  ExpectRefused(std::string(size_t{5} * 256, 'g'),
                "no tockpp flash header (garbage, or written by something else)");
}

TEST(FileFlashTest, RefusesATruncatedFile) {
  ExpectRefused(ValidImage(256, 4).substr(0, size_t{256} * 3),
                "is truncated: 768 bytes, its header describes 1280");
}

TEST(FileFlashTest, RefusesAnOversizedFile) {
  ExpectRefused(ValidImage(256, 4) + "more", "is oversized: 1284 bytes, its header describes 1280");
}

TEST(FileFlashTest, RefusesACorruptedHeader) {
  std::string image = ValidImage(256, 4);
  image[20] ^= 0x01;  // page count, under the checksum
  ExpectRefused(image, "tockpp flash header is corrupted (checksum");
}

TEST(FileFlashTest, RefusesAnotherFormatVersion) {
  std::string image = ValidImage(256, 4);
  image[8] = 2;
  ExpectRefused(image, "tockpp flash format version 2; this tockd reads version 1");
}

TEST(FileFlashTest, RefusesAnotherGeometry) {
  ExpectRefused(ValidImage(256, 8), "holds 8 pages of 256 bytes");
  ExpectRefused(ValidImage(128, 8), "this tockd needs 4 pages of 256 bytes");
}

TEST(FileFlashTest, SecondOpenOfAFileInUseIsRefusedUntilTheFirstCloses) {
  std::string path = TempPath("flashlock");
  unlink(path.c_str());
  PollReactor r;
  auto first = FileFlash::Open(r, path, 256, 4);
  ASSERT_TRUE(first.ok()) << first.status();
  // flock locks belong to the open file description: a second open conflicts even here.
  auto second = FileFlash::Open(r, path, 256, 4);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::IsUnavailable(second.status())) << second.status();
  EXPECT_EQ(second.status().message(), "is in use by another tockd (locked)");
  // Not even a reset may touch a file in use.
  EXPECT_TRUE(absl::IsUnavailable(FileFlash::Open(r, path, 256, 4, Mode::kReset).status()));
  EXPECT_EQ(ReadAll(path), ValidImage(256, 4));
  first->reset();
  EXPECT_TRUE(FileFlash::Open(r, path, 256, 4).ok());
  unlink(path.c_str());
}

TEST(FileFlashTest, RefusesADirectoryAndAFifoEvenWithReset) {
  PollReactor r;
  std::string dir = TempPath("flashdir");
  ASSERT_EQ(mkdir(dir.c_str(), 0755), 0);
  auto d = FileFlash::Open(r, dir, 256, 4, Mode::kReset);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(d.status())) << d.status();
  EXPECT_NE(d.status().message().find("is a directory"), std::string::npos) << d.status();
  rmdir(dir.c_str());

  std::string fifo = TempPath("flashfifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  auto f = FileFlash::Open(r, fifo, 256, 4);  // must not block waiting for a writer
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("is a fifo"), std::string::npos) << f.status();
  unlink(fifo.c_str());

  auto null = FileFlash::Open(r, "/dev/null", 256, 4, Mode::kReset);
  ASSERT_FALSE(null.ok());
  EXPECT_NE(null.status().message().find("is a character device"), std::string::npos);
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

TEST(FileFlashTest, UnopenablePathIsAnError) {
  PollReactor r;
  EXPECT_TRUE(
      absl::IsNotFound(FileFlash::Open(r, "/nonexistent-dir/x/flash.bin", 256, 1).status()));
}

}  // namespace
}  // namespace tock::hostkernel
