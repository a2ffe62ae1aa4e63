/* Cortex-M app start-up for position-independent Tock apps (libtock-c's model, our code).
 *
 * The app is linked with flash at 0x80000000 and RAM at 0x00000000 (layout.ld) and compiled
 * -fPIC -msingle-pic-base -mpic-register=r9 -mno-pic-data-is-text-relative, so every address
 * goes through the GOT that r9 points at. The kernel enters _start with r0 = the crt0 header
 * (start of the app binary in flash), r1 = memory start, r2 = memory length, r3 = app break,
 * sp = app break. Start-up: stack at the bottom of RAM, copy and fix the GOT, copy .data,
 * apply .rel.data (R_ARM_ABS32), zero .bss, set the break to the end of .bss, then
 * exit(main(0, NULL)) as upstream: main's return value is the exit completion code.
 */
#include <stdint.h>
#include <stdlib.h>

#include "libtock/tock.h"

struct tock_crt0_header {
  uint32_t got_sym_start; /* flash offset of the GOT's initial contents */
  uint32_t got_start;     /* RAM offset of the GOT */
  uint32_t got_size;
  uint32_t data_sym_start; /* flash offset of .data's initial contents */
  uint32_t data_start;     /* RAM offset of .data */
  uint32_t data_size;
  uint32_t bss_start;
  uint32_t bss_size;
  uint32_t reldata_start; /* flash offset of the relocation block (u32 length + Elf32_Rel[]) */
  uint32_t stack_size;
};

_Static_assert(sizeof(struct tock_crt0_header) == 40, "crt0 header is 40 bytes");

#define TOCK_PIC_FLASH_BASE 0x80000000u
#define R_ARM_ABS32 2u

extern int main(int argc, char* argv[]);
void tock_crt0_cortex_m(const struct tock_crt0_header* hdr, uint32_t memory_start)
    __attribute__((noreturn, used));

/* A link-time address is flash (>= 0x80000000) or RAM (from 0): rebase it. */
static inline uint32_t rebase(uint32_t value, uint32_t flash, uint32_t ram) {
  return value >= TOCK_PIC_FLASH_BASE ? value - TOCK_PIC_FLASH_BASE + flash : value + ram;
}

__attribute__((naked, section(".start"))) void _start(void) {
  __asm__ volatile(
      "ldr r4, [r0, #36]\n" /* hdr->stack_size */
      "add r4, r4, r1\n"    /* stack top = memory start + stack size */
      "bic r4, r4, #7\n"
      "mov sp, r4\n"
      "b tock_crt0_cortex_m\n" /* (hdr, memory_start) still in r0, r1 */
  );
}

void tock_crt0_cortex_m(const struct tock_crt0_header* hdr, uint32_t memory_start) {
  const uint32_t flash = (uint32_t)(uintptr_t)hdr;
  /* Volatile pointers keep GCC from calling memcpy/memset before the GOT exists. */
  volatile uint32_t* got = (volatile uint32_t*)(uintptr_t)(memory_start + hdr->got_start);
  const volatile uint32_t* got_init = (const uint32_t*)(uintptr_t)(flash + hdr->got_sym_start);
  for (uint32_t i = 0; i < hdr->got_size / 4; ++i)
    got[i] = rebase(got_init[i], flash, memory_start);

  volatile uint8_t* data = (volatile uint8_t*)(uintptr_t)(memory_start + hdr->data_start);
  const volatile uint8_t* data_init = (const uint8_t*)(uintptr_t)(flash + hdr->data_sym_start);
  for (uint32_t i = 0; i < hdr->data_size; ++i) data[i] = data_init[i];

  const volatile uint32_t* rel = (const uint32_t*)(uintptr_t)(flash + hdr->reldata_start);
  const uint32_t rel_words = rel[0] / 4;
  for (uint32_t i = 0; i + 1 < rel_words; i += 2) {
    uint32_t offset = rel[1 + i];
    uint32_t info = rel[2 + i];
    if ((info & 0xFFu) != R_ARM_ABS32) continue;
    volatile uint32_t* target = (volatile uint32_t*)(uintptr_t)(memory_start + offset);
    *target = rebase(*target, flash, memory_start);
  }

  volatile uint8_t* bss = (volatile uint8_t*)(uintptr_t)(memory_start + hdr->bss_start);
  for (uint32_t i = 0; i < hdr->bss_size; ++i) bss[i] = 0;

  __asm__ volatile("mov r9, %0" : : "r"(memory_start + hdr->got_start) : "memory");

  uint32_t bss_end = memory_start + hdr->bss_start + hdr->bss_size;
  (void)memop(0, (int)bss_end);                           /* brk */
  (void)memop(10, (int)(memory_start + hdr->stack_size)); /* stack start (debug) */
  (void)memop(11, (int)bss_end);                          /* heap start (debug) */
  exit(main(0, NULL));
}
