/* rng: prints RNG_BYTES random bytes from the RNG driver (0x40001) as hex on one line. */
#include "libtock/printf.h"
#include "libtock/rng.h"

#ifndef RNG_BYTES
#define RNG_BYTES 16u
#endif

int main(void) {
  static uint8_t buf[RNG_BYTES];
  uint32_t received = 0;
  returncode_t rc = libtocksync_rng_get_random_bytes(buf, sizeof buf, RNG_BYTES, &received);
  if (rc != RETURNCODE_SUCCESS) {
    printf("rng: failed: %s\n", tock_strrcode(rc));
    return -1;
  }
  printf("rng: %u bytes:", (unsigned)received);
  for (uint32_t i = 0; i < received && i < sizeof buf; ++i) printf(" %02x", buf[i]);
  printf("\n");
  return 0;
}
