/* malloc/calloc/realloc/free stress: pseudo-random sizes, each block filled with a pattern
 * and checked before it is freed; alignment 8; calloc zeroes; realloc keeps contents; memory
 * freed is reused (the break stops growing); a request larger than the app's RAM fails with
 * NULL instead of faulting. Prints "malloc: ok ..." or the first failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 48

static unsigned char* blocks[SLOTS];
static size_t sizes[SLOTS];
static unsigned char tags[SLOTS];

static int check(int i) {
  for (size_t k = 0; k < sizes[i]; ++k) {
    if (blocks[i][k] != (unsigned char)(tags[i] + k)) {
      printf("malloc: FAIL slot %d byte %u\n", i, (unsigned)k);
      return 0;
    }
  }
  return 1;
}

static void fill(int i) {
  for (size_t k = 0; k < sizes[i]; ++k) blocks[i][k] = (unsigned char)(tags[i] + k);
}

int main(void) {
  srand(12345);
  void* break_after_warmup = NULL;
  int ops = 0;
  for (int round = 0; round < 4000; ++round) {
    int i = rand() % SLOTS;
    if (blocks[i] != NULL) {
      if (!check(i)) return 1;
      if (rand() % 3 == 0) {
        size_t old = sizes[i];
        size_t now = (size_t)(rand() % 700) + 1;
        unsigned char* p = realloc(blocks[i], now);
        if (p == NULL) {
          printf("malloc: FAIL realloc %u\n", (unsigned)now);
          return 1;
        }
        blocks[i] = p;
        sizes[i] = now < old ? now : old;
        if (!check(i)) return 1;
        sizes[i] = now;
        fill(i);
      } else {
        free(blocks[i]);
        blocks[i] = NULL;
      }
    } else {
      sizes[i] = (size_t)(rand() % 600) + 1;
      tags[i] = (unsigned char)rand();
      if (rand() % 4 == 0) {
        blocks[i] = calloc(sizes[i], 1);
        if (blocks[i] != NULL) {
          for (size_t k = 0; k < sizes[i]; ++k) {
            if (blocks[i][k] != 0) {
              printf("malloc: FAIL calloc not zero\n");
              return 1;
            }
          }
        }
      } else {
        blocks[i] = malloc(sizes[i]);
      }
      if (blocks[i] == NULL) {
        printf("malloc: FAIL malloc %u\n", (unsigned)sizes[i]);
        return 1;
      }
      if (((uintptr_t)blocks[i] & 7u) != 0) {
        printf("malloc: FAIL alignment %p\n", (void*)blocks[i]);
        return 1;
      }
      fill(i);
    }
    ++ops;
    if (round == 1000) break_after_warmup = sbrk(0);
  }
  for (int i = 0; i < SLOTS; ++i) {
    if (blocks[i] != NULL) {
      if (!check(i)) return 1;
      free(blocks[i]);
    }
  }
  /* Everything is free: one big block must fit in what the heap already has. */
  void* before = sbrk(0);
  void* big = malloc(4096);
  int reused = big != NULL && sbrk(0) == before;
  free(big);
  void* huge = malloc(64u * 1024u * 1024u);
  printf("malloc: ok ops=%d reused=%d huge_null=%d grew_late=%d\n", ops, reused, huge == NULL,
         (char*)before - (char*)break_after_warmup > 8192);
  printf("malloc: zero size realloc frees: %d\n", realloc(malloc(8), 0) == NULL);
  return 0;
}
