/* C half of the x32 host crt0 (crt0.S): sets the break, loads .data from flash, zeroes
 * .bss, then exit(main(0, NULL)) like upstream libtock-c: the app ends with main's return
 * value as its completion code (after atexit handlers and a stdout flush). Apps are linked at fixed
 * addresses (layout.ld), so there is no GOT or relocation to fix up.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtock/tock.h"

/* The 40-byte libtock-c crt0 header at the start of the app binary (drivers-and-memory.md
 * §9). RAM offsets are from the RAM origin, flash offsets from the header itself. */
struct tock_crt0_header {
  uint32_t got_sym_start;
  uint32_t got_start;
  uint32_t got_size;
  uint32_t data_sym_start;
  uint32_t data_start;
  uint32_t data_size;
  uint32_t bss_start;
  uint32_t bss_size;
  uint32_t reldata_start;
  uint32_t stack_size;
};

_Static_assert(sizeof(struct tock_crt0_header) == 40, "crt0 header is 40 bytes");

extern int main(int argc, char* argv[]);

void tock_crt0_set_break(uint32_t app_break, uint32_t stack_top);
void tock_crt0_start(const struct tock_crt0_header* hdr, uint32_t memory_start)
    __attribute__((noreturn));

void tock_crt0_set_break(uint32_t app_break, uint32_t stack_top) {
  memop_return_t r = memop(0, (int)app_break);
  /* Without the memory there is nothing sensible to run: fault visibly (SIGILL). */
  if (r.status != TOCK_STATUSCODE_SUCCESS) __builtin_trap();
  (void)memop(10, (int)stack_top);
  (void)memop(11, (int)app_break);
}

void tock_crt0_start(const struct tock_crt0_header* hdr, uint32_t memory_start) {
  uint32_t app_start = (uint32_t)(uintptr_t)hdr;
  memcpy((void*)(uintptr_t)(memory_start + hdr->data_start),
         (const void*)(uintptr_t)(app_start + hdr->data_sym_start), hdr->data_size);
  memset((void*)(uintptr_t)(memory_start + hdr->bss_start), 0, hdr->bss_size);
  exit(main(0, NULL));
}
