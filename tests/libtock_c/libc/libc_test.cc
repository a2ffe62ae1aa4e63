// apps/libc conformance under the real tockd (--exit-when-done --time=virtual) and, as
// libc_test_qemu, on the QEMU board: each app's console output is compared line by line with
// what upstream's newlib prints; under tockd its exit completion code is also read from the
// trace (the `exit` syscall's r1; host-only: the board neither exits nor traces).
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::libc_test {
namespace {

using harness::ExitStatus;
using harness::OnQemu;
using harness::TimeMode;
using harness::Tockd;

struct AppRun {
  std::string out, err;
  std::vector<std::string> trace;
};

// Runs `app` to its end: tockd's exit, or on the board (which never exits) its `last_line`.
AppRun RunApp(const std::string& app, const std::string& last_line) {
  AppRun r;
  auto t = Tockd::Start({.apps = {"//tests/libtock_c/libc:" + app + ".tbf"},
                         .exit_when_done = true,
                         .time = TimeMode::kVirtual,
                         .trace = true});
  if (!t.ok()) {
    ADD_FAILURE() << t.status();
    return r;
  }
  if (OnQemu()) {
    EXPECT_TRUE((*t)->WaitForConsole(last_line));
  } else {
    EXPECT_EQ((*t)->WaitForExit(), ExitStatus::Exited(0)) << (*t)->Log();
  }
  r.out = (*t)->Console();
  r.err = (*t)->Log();
  r.trace = (*t)->TraceLines();
  return r;
}

// The completion code of the app's exit syscall, or -1 if it never called exit. Host-only.
long ExitCode(const AppRun& r) {
  for (const std::string& line : r.trace) {
    const std::string key = "\"class\":\"exit\",\"args\":[0,";
    size_t at = line.find(key);
    if (at != std::string::npos) {
      return std::stol(line.substr(at + key.size()));
    }
  }
  return -1;
}

std::vector<std::string> Lines(const std::string& s) {
  return absl::StrSplit(s, '\n', absl::SkipEmpty());
}

// name|output|return value, as newlib's snprintf gives them.
const char* const kPrintfTable[] = {
    "d|42|2",
    "d_neg|-42|3",
    "i|7|1",
    "u_max|4294967295|10",
    "int_min|-2147483648|11",
    "x|beef|4",
    "X|BEEF|4",
    "o|10|2",
    "alt_x|0xff|4",
    "alt_X|0XFF|4",
    "alt_o|010|3",
    "alt_x0|0|1",
    "alt_o0|0|1",
    "width|[   42]|7",
    "left|[42   ]|7",
    "zero|[-0042]|7",
    "plus|+5 -5|5",
    "space| 5 -5|5",
    "prec_int|[007]|5",
    "prec_zero_flag|[     007]|10",
    "prec0_val0|[]|2",
    "star_width|[    12]|8",
    "star_neg_width|[12    ]|8",
    "star_prec|[abc]|5",
    "alt_zero_x|[0x0000001f]|12",
    "c|[ok]|4",
    "c_width|[  z]|5",
    "s|[text]|6",
    "s_width|[     abc]|10",
    "s_left|[abc     ]|10",
    "s_prec|[ab]|4",
    "s_null|[(null)]|8",
    "p|0x1234|6",
    "p_null|0x0|3",
    "percent|100%|4",
    "hh|44 44|5",
    "h|4464 4464|9",
    "l|-123456789 deadbeef|19",
    "ll|-9000000000000000000|20",
    "llu|18446744073709551615|20",
    "llx|123456789abcdef|15",
    "z|4000000000 -3|13",
    "j|-77|3",
    "t|-9|2",
    "pri|-1 1099511627776 ff|19",
    "f|3.141590|8",
    "f_prec|2.67|4",
    "f0|0 2 2|5",
    "f_neg|  -1.000|8",
    "f_big|100000000000000000000.0|23",
    "f_small|0.000000|8",
    "e|1.234568e+04|12",
    "E|1.23E-04|8",
    "e0|0.000000e+00|12",
    "g|100000 1e+06 0.0001|19",
    "g_small|1.234e-05|9",
    "g_prec|3.14|4",
    "g_alt|1.00000|7",
    "inf_nan|inf -INF nan|12",
    "f_plus|+2.2|4",
    "trunc|trunc|9",
    "n|2",
    // stdout is line-buffered; fflush, putchar, puts, fputs and unbuffered stderr keep order.
    "partial line ok",
    "puts adds a newline",
    "fputs does not",
    "stderr line",
    "done",
};

TEST(LibcTest, PrintfFormatsLikeNewlib) {
  AppRun r = RunApp("printf_table", "\ndone\n");
  std::vector<std::string> got = Lines(r.out);
  std::vector<std::string> want(std::begin(kPrintfTable), std::end(kPrintfTable));
  ASSERT_EQ(got.size(), want.size()) << r.out << r.err;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << "line " << i;
  }
  if (!OnQemu()) {  // host-only: exit codes
    EXPECT_EQ(ExitCode(r), 0);
  }
}

TEST(LibcTest, MallocStressKeepsEveryBlockIntact) {
  AppRun r = RunApp("malloc_stress", "malloc: zero size realloc frees: 1\n");
  EXPECT_EQ(r.out,
            "malloc: ok ops=4000 reused=1 huge_null=1 grew_late=0\n"
            "malloc: zero size realloc frees: 1\n")
      << r.err;
  if (!OnQemu()) {  // host-only: exit codes
    EXPECT_EQ(ExitCode(r), 0);
  }
}

TEST(LibcTest, StringAndStdlibFunctions) {
  AppRun r = RunApp("string_stdlib", "string_stdlib: done\n");
  EXPECT_EQ(r.out,
            "strlen: 5\n"
            "strcat: abcdef\n"
            "strncat: abcdefgh\n"
            "strcmp: -1 1 0\n"
            "strncmp: 0\n"
            "strcasecmp: 0\n"
            "strchr: =value\n"
            "strrchr: /c\n"
            "strstr: needle here\n"
            "strspn: 3 3\n"
            "strncpy: xy 0\n"
            "strlcpy: 11 trunc\n"
            "strtok: [one] [two] [three]\n"
            "strdup: duplicate\n"
            "memmove: 0101234789\n"
            "memcmp: -1\n"
            "memchr: llo\n"
            "strerror: Not enough space\n"
            "atoi: -123 77\n"
            "strtol: 31 493 -5\n"
            "strtol_end: ''\n"
            "strtol_range: 1 1\n"
            "strtoul: 4294967295\n"
            "abs: 5 70000\n"
            "qsort: -50 -1 0 3 8 8 17 42 99\n"
            "bsearch: 6 1\n"
            // newlib's generator: seed 1 gives 1481765933 first.
            "rand: 1481765933 1085377743 1\n"
            "ctype: 111011 Qq\n"
            "string_stdlib: done\n")
      << r.err;
  if (!OnQemu()) {  // host-only: exit codes
    EXPECT_EQ(ExitCode(r), 0);
  }
}

TEST(LibcTest, MainsReturnValueIsTheExitCodeAfterAtexitAndFlush) {
  AppRun r = RunApp("exit_code", "atexit: first\n");
  EXPECT_EQ(r.out,
            "exit_code: returning 42\n"
            "unterminatedatexit: second\n"
            "atexit: first\n")
      << r.err;
  if (!OnQemu()) {  // host-only: exit codes
    EXPECT_EQ(ExitCode(r), 42);
  }
}

TEST(LibcTest, FailedAssertPrintsNewlibMessageAndAbortsWithCodeOne) {
  AppRun r = RunApp("assert_fail", "line 14, function: main\n");
  EXPECT_EQ(r.out,
            "assert_fail: before\n"
            "assertion \"value == 4\" failed: file \"tests/libtock_c/libc/apps/assert_fail.c\", "
            "line 14, function: main\n")
      << r.err;
  if (!OnQemu()) {  // host-only: exit codes
    EXPECT_EQ(ExitCode(r), 1);
  }
}

}  // namespace
}  // namespace tock::libc_test
