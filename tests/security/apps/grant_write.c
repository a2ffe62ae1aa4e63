/* Attack: store into this process's own grant region (memop 6 gives its start). The host MPU
 * keeps it PROT_NONE in the child. Expect SIGSEGV -> process fault.
 */
#include <stdint.h>

#include "libtock/printf.h"
#include "libtock/tock.h"

int main(void) {
  volatile uint32_t* grant = tock_app_grant_begins_at();
  printf("grant_write: writing to grant region at %p\n", (void*)grant);
  *grant = 0xdeadbeefu;
  printf("grant_write: ESCAPED\n");
  return 0;
}
