// BoardExtension: extensions linked into a binary are wired by WireAll in name order whatever
// their definition order, each exactly once per WireAll (equal names included), and only into
// boards of their own Context type; their failures reach the board through its
// DriverRegistrar, the first one kept. Also DriverComponent on a capsule without a kName.
#include "capsules/components/board_extension.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "capsules/components/driver_component.h"
#include "capsules/components/driver_registrar.h"
#include "capsules/testing/capsule_harness.h"

namespace tock::capsules::components {
namespace {

using namespace tock::capsules::testing;  // NOLINT

// --- Order: a board that only records which extensions wired it. ---
struct OrderBoard {
  std::vector<std::string> wired;
};

void WireGamma(OrderBoard& board) { board.wired.emplace_back("gamma"); }
void WireAlpha(OrderBoard& board) { board.wired.emplace_back("alpha"); }
void WireAlphaTwin(OrderBoard& board) { board.wired.emplace_back("alpha twin"); }
void WireBeta(OrderBoard& board) { board.wired.emplace_back("beta"); }

// Defined out of name order on purpose; two share a name.
const BoardExtension<OrderBoard> kGamma("gamma", WireGamma);
const BoardExtension<OrderBoard> kAlpha("alpha", WireAlpha);
const BoardExtension<OrderBoard> kBeta("beta", WireBeta);
const BoardExtension<OrderBoard> kAlphaTwin("alpha", WireAlphaTwin);
// A prefix of another name sorts first.
const BoardExtension<OrderBoard> kAlp("alp",
                                      [](OrderBoard& board) { board.wired.emplace_back("alp"); });

TEST(BoardExtensionTest, WiresEveryExtensionOnceInNameOrder) {
  OrderBoard board;
  BoardExtension<OrderBoard>::WireAll(board);
  ASSERT_EQ(board.wired.size(), 5u);
  EXPECT_EQ(board.wired[0], "alp");
  // The two "alpha"s in either order, each once.
  EXPECT_TRUE((board.wired[1] == "alpha" && board.wired[2] == "alpha twin") ||
              (board.wired[1] == "alpha twin" && board.wired[2] == "alpha"));
  EXPECT_EQ(board.wired[3], "beta");
  EXPECT_EQ(board.wired[4], "gamma");
}

TEST(BoardExtensionTest, EachWireAllWiresItsOwnBoardAgain) {
  OrderBoard first;
  OrderBoard second;
  BoardExtension<OrderBoard>::WireAll(first);
  BoardExtension<OrderBoard>::WireAll(second);
  EXPECT_EQ(first.wired, second.wired);
  EXPECT_EQ(first.wired.size(), 5u);
}

TEST(BoardExtensionTest, ListsTheExtensionsLinkedIn) {
  std::vector<std::string> names;
  for (const auto* e = BoardExtension<OrderBoard>::first(); e != nullptr; e = e->next()) {
    names.emplace_back(e->name());
  }
  EXPECT_EQ(names.size(), 5u);
  EXPECT_EQ(std::count(names.begin(), names.end(), "alpha"), 2);
}

// --- Wiring for real: components into a kernel's driver table through the registrar. ---

// A minimal capsule shaped (Hil&, GrantType&) with no kName: command 1 returns the "HIL" value.
class ValueDriver final : public SyscallDriver {
 public:
  using GrantType = Grant<int, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<0>>;
  static constexpr uint32_t kDriverNum = 0x90100;

  ValueDriver(const uint32_t& value, GrantType& grant) : value_(value), grant_(grant) {}
  CommandReturn Command(uint32_t command_num, uint32_t /*arg0*/, uint32_t /*arg1*/,
                        ProcessId /*pid*/) override {
    return command_num == 1 ? CommandReturn::SuccessU32(value_)
                            : CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

 private:
  const uint32_t& value_;
  GrantType& grant_;
};

constexpr size_t kDrivers = 16;  // capsules/testing's Harness

struct KernelBoard {
  Harness& h;
  DriverRegistrar<kDrivers>& registrar;
  bool fail_peripheral = false;
  std::vector<std::unique_ptr<DriverComponent<ValueDriver>>> parts;
};

constexpr uint32_t kSensorValue = 2150;

void WireValue(KernelBoard& board) {
  board.parts.push_back(std::make_unique<DriverComponent<ValueDriver>>(kSensorValue, board.h.kernel,
                                                                       board.h.memory_cap));
  board.registrar.Add(*board.parts.back());
}
// Sorted after "value": its second component takes the same number.
void WireValueAgain(KernelBoard& board) { WireValue(board); }
void WirePeripheral(KernelBoard& board) {
  if (board.fail_peripheral) {
    board.registrar.Fail("x-peripheral", "no such device");
  }
}

const BoardExtension<KernelBoard> kValue("value", WireValue);
const BoardExtension<KernelBoard> kValueAgain("value again", WireValueAgain);
const BoardExtension<KernelBoard> kPeripheral("x-peripheral", WirePeripheral);

TEST(BoardExtensionTest, WiredDriversAnswerAndTheFirstFailureNamesTheDriver) {
  ScopedHarness h = MakeHarness();
  DriverRegistrar<kDrivers> registrar(h->drivers);
  KernelBoard board{.h = *h, .registrar = registrar};
  BoardExtension<KernelBoard>::WireAll(board);
  ASSERT_EQ(board.parts.size(), 2u);
  EXPECT_FALSE(registrar.ok());
  // DriverComponent without a kName: the registrar names the number only.
  EXPECT_STREQ(DriverComponent<ValueDriver>::kName, nullptr);
  EXPECT_STREQ(registrar.error(), "cannot register driver 0x90100: number already registered");
  // The first one is in the table and answers.
  ProcessId pid = h->Load(0).value();
  ExpectSuccessU32(h->Command(pid, ValueDriver::kDriverNum, 1, 0, 0), kSensorValue);
}

TEST(BoardExtensionTest, AnExtensionsOwnFailureReachesTheRegistrar) {
  ScopedHarness h = MakeHarness();
  DriverRegistrar<kDrivers> registrar(h->drivers);
  registrar.Fail("x-peripheral", "no such device");
  EXPECT_STREQ(registrar.error(), "cannot wire x-peripheral: no such device");
  registrar.Fail("other", "later failures are not kept");
  EXPECT_STREQ(registrar.error(), "cannot wire x-peripheral: no such device");

  ScopedHarness h2 = MakeHarness();
  DriverRegistrar<kDrivers> fresh(h2->drivers);
  KernelBoard board{.h = *h2, .registrar = fresh, .fail_peripheral = true};
  BoardExtension<KernelBoard>::WireAll(board);
  // "value again" failed first (name order), so its error is the one kept.
  EXPECT_STREQ(fresh.error(), "cannot register driver 0x90100: number already registered");
}

}  // namespace
}  // namespace tock::capsules::components
