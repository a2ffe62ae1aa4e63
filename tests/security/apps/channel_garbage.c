/* Attack: fill the whole channel page with pseudo-random bytes, then post a request with an
 * invalid class, then ask the kernel to allow the channel page itself. tockd must answer with
 * error returns or fault the process, and keep running either way.
 * Default: kernel_waiting and both sequence numbers are kept, so the garbage
 * is not itself a request and the replies stay in step (deterministic output). With
 * -DCHANNEL_GARBAGE_SEQS (target channel_garbage_seqs) the sequence numbers are garbage too:
 * the kernel sees a bogus request and the app may read out-of-step replies afterwards.
 */
#include <stdint.h>

#include "libtock/arch/host/host_channel.h"
#include "libtock/printf.h"
#include "libtock/tock.h"

#ifndef CHANNEL_GARBAGE_NAME
#define CHANNEL_GARBAGE_NAME "channel_garbage"
#endif

static uint32_t lcg(uint32_t* state) {
  *state = *state * 1664525u + 1013904223u;
  return *state;
}

int main(void) {
  printf(CHANNEL_GARBAGE_NAME ": filling the channel page with garbage\n");
  volatile struct tock_channel* ch = (volatile struct tock_channel*)TOCK_HOST_CHANNEL_ADDR;
  uint32_t kernel_waiting = ch->kernel_waiting;
  uint32_t seed = 0x7063636bu;
  volatile uint32_t* words = (volatile uint32_t*)ch;
  for (uint32_t i = 0; i < TOCK_HOST_PAGE_SIZE / 4; ++i) {
#ifndef CHANNEL_GARBAGE_SEQS
    if (&words[i] == &ch->app_seq || &words[i] == &ch->kernel_seq) continue;
#endif
    words[i] = lcg(&seed);
  }
  ch->kernel_waiting = kernel_waiting;

  struct tock_channel_request req = {0xdeadbeefu, {lcg(&seed), lcg(&seed), lcg(&seed), lcg(&seed)}};
  struct tock_channel_reply rep;
  tock_host_channel_call(&req, &rep);
  printf(CHANNEL_GARBAGE_NAME ": bad class reply kind=%u r0=%u r1=%u\n", rep.kind, rep.r[0],
         rep.r[1]);

  allow_rw_return_t a =
      allow_readwrite(1, 1, (void*)(uintptr_t)TOCK_HOST_CHANNEL_ADDR, TOCK_HOST_PAGE_SIZE);
  printf(CHANNEL_GARBAGE_NAME ": allow of the channel page: %s\n",
         tock_strrcode((returncode_t)tock_allow_rw_return_to_returncode(a)));
  printf(CHANNEL_GARBAGE_NAME ": survived\n");
  return 0;
}
