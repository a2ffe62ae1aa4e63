// CommandTable: dispatch by first word with the client id, argument-count errors as
// "usage: ...", unknown commands, rows refused at Add, peripherals' rows, and help generated
// from the rows in order.
#include "hostkernel/control/command_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

using Lines = std::vector<std::string>;

// Runs `line` and returns its reply lines, the error as a last "error: ..." line.
Lines RunLine(const CommandTable& t, const std::string& line, uint64_t client = 1) {
  const std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
  ReplyLines out;
  absl::Status s = t.Run(client, words, out);
  if (!s.ok()) {
    out.push_back("error: " + std::string{s.message()});
  }
  return out;
}

CommandTable::Row Joiner() {
  return {.name = "join",
          .usage = "join A [B]",
          .help = "joins its arguments",
          .min_args = 1,
          .max_args = 2,
          .handler = [](uint64_t client, ControlArgs args, ReplyLines& out) {
            std::string joined = std::to_string(client) + ":";
            for (absl::string_view a : args) {
              joined += std::string{a};
            }
            out.push_back(joined);
            return absl::OkStatus();
          }};
}

TEST(CommandTableTest, RunsTheRowWithItsArgumentsAndClient) {
  CommandTable t;
  ASSERT_TRUE(t.Add(Joiner()).ok());
  EXPECT_EQ(RunLine(t, "join a", 7), (Lines{"7:a"}));
  EXPECT_EQ(RunLine(t, "join a b"), (Lines{"1:ab"}));
}

TEST(CommandTableTest, WrongArgumentCountGivesTheUsageAndSkipsTheHandler) {
  CommandTable t;
  ASSERT_TRUE(t.Add(Joiner()).ok());
  EXPECT_EQ(RunLine(t, "join"), (Lines{"error: usage: join A [B]"}));
  EXPECT_EQ(RunLine(t, "join a b c"), (Lines{"error: usage: join A [B]"}));
  ReplyLines out;
  absl::Status s = t.Run(1, std::vector<absl::string_view>{"join"}, out);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(out.empty());
}

TEST(CommandTableTest, UnknownCommandsAndBadRowsAreErrors) {
  CommandTable t;
  ASSERT_TRUE(t.Add(Joiner()).ok());
  EXPECT_EQ(RunLine(t, "frob x"), (Lines{"error: unknown command 'frob' (try help)"}));
  EXPECT_EQ(t.Add(Joiner()).code(), absl::StatusCode::kAlreadyExists);
  CommandTable::Row no_handler = Joiner();
  no_handler.name = "other";
  no_handler.handler = nullptr;
  EXPECT_EQ(t.Add(no_handler).code(), absl::StatusCode::kInvalidArgument);
  CommandTable::Row inverted = Joiner();
  inverted.name = "inverted";
  inverted.min_args = 3;
  EXPECT_EQ(t.Add(inverted).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(t.rows().size(), 1u);
}

TEST(CommandTableTest, PeripheralCommandsBecomeRowsAndClashesAreRefused) {
  PeripheralRegistry registry;
  double celsius = 20;
  ASSERT_TRUE(registry
                  .Register({.name = "thermo",
                             .commands = {{.name = "temperature",
                                           .usage = "temperature [set C]",
                                           .help = "the sensor's reading",
                                           .max_args = 2,
                                           .handler =
                                               [&celsius](ControlArgs args, ReplyLines& out) {
                                                 if (args.size() == 2 && args[0] == "set") {
                                                   celsius = std::stod(std::string(args[1]));
                                                   return absl::OkStatus();
                                                 }
                                                 if (!args.empty()) {
                                                   return UsageError("temperature [set C]");
                                                 }
                                                 out.push_back("temperature " +
                                                               std::to_string(int(celsius)));
                                                 return absl::OkStatus();
                                               }}}})
                  .ok());
  CommandTable t;
  ASSERT_TRUE(t.AddPeripherals(registry).ok());
  EXPECT_EQ(RunLine(t, "temperature set 21.5"), Lines{});
  EXPECT_EQ(celsius, 21.5);
  EXPECT_EQ(RunLine(t, "temperature"), (Lines{"temperature 21"}));
  EXPECT_EQ(RunLine(t, "temperature x"), (Lines{"error: usage: temperature [set C]"}));
  EXPECT_EQ(RunLine(t, "temperature set 1 2"), (Lines{"error: usage: temperature [set C]"}));

  CommandTable clash;
  CommandTable::Row row = Joiner();
  row.name = "temperature";
  ASSERT_TRUE(clash.Add(row).ok());
  absl::Status s = clash.AddPeripherals(registry);
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(s.message(), "peripheral 'thermo': control command 'temperature' is defined twice");
}

TEST(CommandTableTest, HelpIsOneAlignedLinePerRowInOrder) {
  CommandTable t;
  ASSERT_TRUE(t.Add(Joiner()).ok());
  CommandTable::Row help = {.name = "help",
                            .usage = "help",
                            .help = "this list",
                            .handler = [&t](uint64_t, ControlArgs, ReplyLines& out) {
                              out = t.Help();
                              return absl::OkStatus();
                            }};
  ASSERT_TRUE(t.Add(help).ok());
  const Lines expected = {"join A [B]                joins its arguments",
                          "help                      this list"};
  EXPECT_EQ(t.Help(), expected);
  EXPECT_EQ(RunLine(t, "help"), expected);
  EXPECT_EQ(expected[0].find("joins"), static_cast<size_t>(CommandTable::kUsageColumn));
}

}  // namespace
}  // namespace tock::hostkernel
