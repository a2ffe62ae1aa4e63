// nRF52840 UARTE0 (UART with EasyDMA, 0x40002000, IRQ 2; nRF52840 PS §6.34) as
// tock::hil::uart::Uart. Buffers must be in RAM (EasyDMA cannot read flash); WriteBlocking
// copies through a small RAM bounce buffer for panics. Trusted chip code.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_UARTE_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_UARTE_H_

#include <cstddef>
#include <cstdint>

#include "hil/uart.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::nrf52840 {

namespace cm = tock::cortex_m;

struct UarteInt {
  static constexpr cm::Field<uint32_t, UarteInt, 4, 1> kEndRx{};
  static constexpr cm::Field<uint32_t, UarteInt, 8, 1> kEndTx{};
  static constexpr cm::Field<uint32_t, UarteInt, 9, 1> kError{};
  static constexpr cm::Field<uint32_t, UarteInt, 17, 1> kRxTo{};
};
struct UarteEnable {
  static constexpr cm::Field<uint32_t, UarteEnable, 0, 4> kEnable{};
  static constexpr uint32_t kOn = 8;
};
struct Psel {
  static constexpr cm::Field<uint32_t, Psel, 0, 5> kPin{};
  static constexpr cm::Field<uint32_t, Psel, 5, 1> kPort{};
  static constexpr cm::Field<uint32_t, Psel, 31, 1> kDisconnect{};
};
struct Event {
  static constexpr cm::Field<uint32_t, Event, 0, 1> kGenerated{};
};

struct UarteRegisters {
  cm::WriteOnly<uint32_t> tasks_startrx;  // 0x000
  cm::WriteOnly<uint32_t> tasks_stoprx;   // 0x004
  cm::WriteOnly<uint32_t> tasks_starttx;  // 0x008
  cm::WriteOnly<uint32_t> tasks_stoptx;   // 0x00C
  cm::Reserved<0x100 - 0x010> r0;
  cm::ReadWrite<uint32_t, Event> events_cts;     // 0x100
  cm::ReadWrite<uint32_t, Event> events_ncts;    // 0x104
  cm::ReadWrite<uint32_t, Event> events_rxdrdy;  // 0x108
  cm::Reserved<4> r1;
  cm::ReadWrite<uint32_t, Event> events_endrx;  // 0x110
  cm::Reserved<8> r2;
  cm::ReadWrite<uint32_t, Event> events_txdrdy;  // 0x11C
  cm::ReadWrite<uint32_t, Event> events_endtx;   // 0x120
  cm::ReadWrite<uint32_t, Event> events_error;   // 0x124
  cm::Reserved<0x144 - 0x128> r3;
  cm::ReadWrite<uint32_t, Event> events_rxto;  // 0x144
  cm::Reserved<0x300 - 0x148> r4;
  cm::ReadWrite<uint32_t, UarteInt> inten;     // 0x300
  cm::ReadWrite<uint32_t, UarteInt> intenset;  // 0x304
  cm::ReadWrite<uint32_t, UarteInt> intenclr;  // 0x308
  cm::Reserved<0x480 - 0x30C> r5;
  cm::ReadWrite<uint32_t> errorsrc;  // 0x480
  cm::Reserved<0x500 - 0x484> r6;
  cm::ReadWrite<uint32_t, UarteEnable> enable;  // 0x500
  cm::Reserved<4> r7;
  cm::ReadWrite<uint32_t, Psel> psel_rts;  // 0x508
  cm::ReadWrite<uint32_t, Psel> psel_txd;  // 0x50C
  cm::ReadWrite<uint32_t, Psel> psel_cts;  // 0x510
  cm::ReadWrite<uint32_t, Psel> psel_rxd;  // 0x514
  cm::Reserved<0x524 - 0x518> r8;
  cm::ReadWrite<uint32_t> baudrate;  // 0x524
  cm::Reserved<0x534 - 0x528> r9;
  cm::ReadWrite<uint32_t> rxd_ptr;     // 0x534
  cm::ReadWrite<uint32_t> rxd_maxcnt;  // 0x538
  cm::ReadOnly<uint32_t> rxd_amount;   // 0x53C
  cm::Reserved<0x544 - 0x540> r10;
  cm::ReadWrite<uint32_t> txd_ptr;     // 0x544
  cm::ReadWrite<uint32_t> txd_maxcnt;  // 0x548
  cm::ReadOnly<uint32_t> txd_amount;   // 0x54C
  cm::Reserved<0x56C - 0x550> r11;
  cm::ReadWrite<uint32_t> config;  // 0x56C
};
static_assert(offsetof(UarteRegisters, events_endtx) == 0x120);
static_assert(offsetof(UarteRegisters, events_rxto) == 0x144);
static_assert(offsetof(UarteRegisters, errorsrc) == 0x480);
static_assert(offsetof(UarteRegisters, baudrate) == 0x524);
static_assert(offsetof(UarteRegisters, txd_amount) == 0x54C);
static_assert(offsetof(UarteRegisters, config) == 0x56C);

inline constexpr uintptr_t kUarte0Base = 0x4000'2000;
inline constexpr unsigned kUarte0Irq = 2;

class Uarte final : public tock::hil::uart::Uart {
 public:
  constexpr Uarte(uintptr_t base, unsigned irq) : regs_(base), irq_(irq) {}

  // Route TXD/RXD to pins (0..47) and enable at 115200 baud.
  void Init(unsigned tx_pin, unsigned rx_pin);
  void WriteBlocking(const char* data, size_t len);

  bool OwnsIrq(unsigned irq) const { return irq == irq_; }
  void HandleInterrupt();

  void SetTransmitClient(tock::hil::uart::TransmitClient& client) override { tx_client_ = &client; }
  tock::Result<void> TransmitBuffer(uint8_t* buffer, size_t len) override;
  tock::Result<void> TransmitAbort() override;
  void SetReceiveClient(tock::hil::uart::ReceiveClient& client) override { rx_client_ = &client; }
  tock::Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) override;
  tock::Result<void> ReceiveAbort() override;
  tock::Result<void> SetParameters(const tock::hil::uart::Parameters& params) override;

 private:
  cm::StaticRef<UarteRegisters> regs_;
  unsigned irq_;
  tock::hil::uart::TransmitClient* tx_client_ = nullptr;
  tock::hil::uart::ReceiveClient* rx_client_ = nullptr;
  uint8_t* tx_buf_ = nullptr;
  uint8_t* rx_buf_ = nullptr;
  bool tx_aborting_ = false;
  // WriteBlocking waited out the in-flight transmit, which sent tx_sent_ bytes.
  bool tx_finished_ = false;
  size_t tx_sent_ = 0;
  bool rx_aborting_ = false;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_UARTE_H_
