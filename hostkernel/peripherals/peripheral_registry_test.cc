// PeripheralRegistry: registration checks, command lookup, state in registration order, event
// fan-out (and its lifetime rules), and the LED/button/GPIO registrations end to end.
#include "hostkernel/peripherals/peripheral_registry.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"

namespace tock::hostkernel {
namespace {

using Lines = std::vector<std::string>;

ControlCommand Echo(const std::string& name) {
  return {.name = name,
          .usage = name + " WORD",
          .help = "echo",
          .min_args = 1,
          .max_args = 1,
          .handler = [](ControlArgs args, ReplyLines& out) {
            out.emplace_back(args[0]);
            return absl::OkStatus();
          }};
}

// Runs registered command `name` with `args` as the control server would (after its count
// check), returning the reply lines, or the error as one line.
Lines RunCommand(const PeripheralRegistry& r, const std::string& name,
                 std::vector<absl::string_view> args) {
  const ControlCommand* c = r.FindCommand(name);
  if (c == nullptr) {
    return {"no such command"};
  }
  ReplyLines out;
  absl::Status s = c->handler(args, out);
  if (!s.ok()) {
    out.push_back("error: " + std::string{s.message()});
  }
  return out;
}

struct Recorder {
  Lines events;
  PeripheralRegistry::EventSink sink() {
    return [this](std::string_view peripheral, std::string_view line) {
      events.push_back(std::string(peripheral) + ": " + std::string(line));
    };
  }
};

TEST(PeripheralRegistryTest, FindsCommandsAndReportsStateInRegistrationOrder) {
  PeripheralRegistry r;
  ASSERT_TRUE(r.Register({.name = "a",
                          .commands = {Echo("say")},
                          .state = [](ReplyLines& out) { out.push_back("a fine"); }})
                  .ok());
  ASSERT_TRUE(r.Register({.name = "quiet"}).ok());  // no commands, no state: allowed
  ASSERT_TRUE(
      r.Register({.name = "b", .state = [](ReplyLines& out) { out.push_back("b ok"); }}).ok());
  EXPECT_EQ(RunCommand(r, "say", {"hi"}), (Lines{"hi"}));
  EXPECT_EQ(r.FindCommand("nope"), nullptr);
  EXPECT_EQ(r.State(), (Lines{"a fine", "b ok"}));
  ASSERT_EQ(r.peripherals().size(), 3u);
  EXPECT_EQ(r.peripherals()[1].name, "quiet");
}

TEST(PeripheralRegistryTest, RejectsDuplicateNamesAndMalformedCommands) {
  PeripheralRegistry r;
  ASSERT_TRUE(r.Register({.name = "a", .commands = {Echo("say")}}).ok());
  EXPECT_EQ(r.Register({.name = "a"}).code(), absl::StatusCode::kAlreadyExists);
  absl::Status taken = r.Register({.name = "b", .commands = {Echo("say")}});
  EXPECT_EQ(taken.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.message(), "peripheral 'b': command 'say' is already taken");
  EXPECT_EQ(r.Register({.name = "c", .commands = {Echo("x"), Echo("x")}}).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(r.Register({.name = ""}).code(), absl::StatusCode::kInvalidArgument);
  ControlCommand no_handler = Echo("y");
  no_handler.handler = nullptr;
  EXPECT_EQ(r.Register({.name = "d", .commands = {no_handler}}).code(),
            absl::StatusCode::kInvalidArgument);
  ControlCommand inverted = Echo("z");
  inverted.min_args = 2;
  EXPECT_EQ(r.Register({.name = "e", .commands = {inverted}}).code(),
            absl::StatusCode::kInvalidArgument);
  // Nothing of a refused registration is kept.
  EXPECT_EQ(r.peripherals().size(), 1u);
  EXPECT_EQ(r.FindCommand("x"), nullptr);
}

TEST(PeripheralRegistryTest, EventsReachEverySubscriberUntilUnsubscribed) {
  PeripheralRegistry r;
  Recorder one, two;
  const uint64_t id1 = r.Subscribe(one.sink());
  r.Subscribe(two.sink());
  PeripheralRegistry::EventPublisher temp = r.Events("thermo");
  temp.Publish("thermo 21.5");
  r.Unsubscribe(id1);
  temp.Publish("thermo 22");
  EXPECT_EQ(one.events, (Lines{"thermo: thermo 21.5"}));
  EXPECT_EQ(two.events, (Lines{"thermo: thermo 21.5", "thermo: thermo 22"}));
}

TEST(PeripheralRegistryTest, APublisherOutlivingTheRegistryDoesNothing) {
  PeripheralRegistry::EventPublisher orphan;
  orphan.Publish("nobody");  // default-constructed: no registry at all
  Recorder rec;
  {
    PeripheralRegistry r;
    r.Subscribe(rec.sink());
    orphan = r.Events("x");
    orphan.Publish("x 1");
  }
  orphan.Publish("x 2");
  EXPECT_EQ(rec.events, (Lines{"x: x 1"}));
}

TEST(PeripheralRegistryTest, ParseIndexArgNamesTheRange) {
  EXPECT_EQ(*ParseIndexArg("2", 3, "button"), 2u);
  EXPECT_EQ(ParseIndexArg("3", 3, "button").status().message(), "no button 3 (have 0..2)");
  EXPECT_EQ(ParseIndexArg("x", 3, "button").status().message(), "'x' is not a button number");
  EXPECT_EQ(ParseIndexArg("0", 0, "button").status().message(), "no buttons on this board");
  EXPECT_EQ(UsageError("gpio [N]").message(), "usage: gpio [N]");
}

TEST(PeripheralRegistryTest, LedsButtonsAndGpioRegisterTheirCommandsStateAndEvents) {
  PeripheralRegistry r;
  HostLeds leds(2, /*log_changes=*/false);
  HostButtons buttons(2);
  HostGpioBank gpio("gpio", 2);
  ASSERT_TRUE(leds.RegisterControls(r).ok());
  ASSERT_TRUE(buttons.RegisterControls(r).ok());
  ASSERT_TRUE(gpio.RegisterControls(r).ok());
  EXPECT_EQ(leds.RegisterControls(r).code(), absl::StatusCode::kAlreadyExists);
  Recorder rec;
  r.Subscribe(rec.sink());

  leds.led(1).Init();
  leds.led(1).On();
  EXPECT_EQ(RunCommand(r, "press", {"1"}), Lines{});
  EXPECT_EQ(RunCommand(r, "press", {"1"}), Lines{});  // no change: no second event
  EXPECT_EQ(RunCommand(r, "press", {"9"}), (Lines{"error: no button 9 (have 0..1)"}));
  gpio.pin(0).MakeInput();
  EXPECT_EQ(RunCommand(r, "gpio", {"0", "high"}), Lines{});
  EXPECT_EQ(RunCommand(r, "gpio", {"0"}), (Lines{"gpio 0 high"}));
  EXPECT_EQ(RunCommand(r, "gpio", {"0", "up"}),
            (Lines{"error: gpio level must be high, low or float, not 'up'"}));
  gpio.pin(1).MakeOutput();

  EXPECT_EQ(rec.events, (Lines{"led: led 1 off", "led: led 1 on", "button: button 1 pressed",
                               "gpio: gpio 1 low"}));
  EXPECT_EQ(r.State(), (Lines{"led 0 off", "led 1 on", "button 0 released", "button 1 pressed",
                              "gpio 0 high input", "gpio 1 low output"}));
  EXPECT_EQ(RunCommand(r, "leds", {}), (Lines{"led 0 off", "led 1 on"}));
  ASSERT_NE(r.FindCommand("release"), nullptr);
  EXPECT_EQ(r.FindCommand("release")->usage, "release N");
  EXPECT_EQ(r.FindCommand("gpio")->max_args, 2u);
}

}  // namespace
}  // namespace tock::hostkernel
