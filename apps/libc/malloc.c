/* malloc/calloc/realloc/free: a first-fit free list over sbrk (memop 1).
 *
 * Every block starts with an 8-byte header {size, next}; `size` counts the header and is a
 * multiple of 8, so payloads are 8-byte aligned. Free blocks sit on one list in address order
 * and are merged with free neighbours; a free block at the top of the heap is kept (not given
 * back), so the break only grows. A freed pointer's header has next == BLOCK_IN_USE cleared,
 * which catches some double frees (they abort).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct block {
  size_t size;        /* bytes including this header */
  struct block* next; /* next free block (free) or BLOCK_IN_USE */
} block_t;

_Static_assert(sizeof(block_t) == 8, "the header keeps payloads 8-byte aligned");

#define ALIGN 8u
#define BLOCK_IN_USE ((block_t*)(uintptr_t)0xA110CA7Eu)
#define MIN_SPLIT (sizeof(block_t) + ALIGN)
#define MIN_GROW 256u

static block_t* free_list;
static char* heap_end; /* end of the last block (the break we asked for) */

static block_t* header_of(void* p) { return (block_t*)((char*)p - sizeof(block_t)); }

/* Bytes a block needs for `size` payload bytes; 0 on overflow. */
static size_t block_size_for(size_t size) {
  if (size > SIZE_MAX - sizeof(block_t) - ALIGN) return 0;
  size_t n = (size + sizeof(block_t) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  return n < MIN_SPLIT ? MIN_SPLIT : n;
}

/* Inserts `b` into the address-ordered free list and merges it with adjacent free blocks. */
static void insert_free(block_t* b) {
  block_t* prev = NULL;
  block_t* cur = free_list;
  while (cur != NULL && cur < b) {
    prev = cur;
    cur = cur->next;
  }
  b->next = cur;
  if (cur != NULL && (char*)b + b->size == (char*)cur) {
    b->size += cur->size;
    b->next = cur->next;
  }
  if (prev != NULL && (char*)prev + prev->size == (char*)b) {
    prev->size += b->size;
    prev->next = b->next;
  } else if (prev != NULL) {
    prev->next = b;
  } else {
    free_list = b;
  }
}

/* Splits `b` (in use) so it keeps `need` bytes; the rest goes to the free list. */
static void trim(block_t* b, size_t need) {
  if (b->size - need < MIN_SPLIT) return;
  block_t* rest = (block_t*)((char*)b + need);
  rest->size = b->size - need;
  b->size = need;
  insert_free(rest);
}

/* Extends the heap by at least `need` bytes as one free block; false if the kernel refuses. */
static bool grow(size_t need) {
  if (heap_end == NULL) {
    char* start = sbrk(0);
    if (start == (char*)-1) return false;
    size_t pad = (ALIGN - ((uintptr_t)start & (ALIGN - 1))) & (ALIGN - 1);
    if (pad != 0 && sbrk((ptrdiff_t)pad) == (void*)-1) return false;
    heap_end = start + pad;
  }
  size_t amount = need < MIN_GROW ? MIN_GROW : need;
  if (amount > (size_t)PTRDIFF_MAX) return false;
  char* old = sbrk((ptrdiff_t)amount);
  if (old == (char*)-1) {
    if (amount == need) return false;
    amount = need; /* the rounded-up request was refused: try the exact size */
    old = sbrk((ptrdiff_t)amount);
    if (old == (char*)-1) return false;
  }
  if (old != heap_end) {
    /* Someone else moved the break: our blocks stop at heap_end; start again at old. */
    size_t pad = (ALIGN - ((uintptr_t)old & (ALIGN - 1))) & (ALIGN - 1);
    if (amount - pad < need) return false;
    old += pad;
    amount -= pad;
  }
  block_t* b = (block_t*)old;
  b->size = amount & ~(size_t)(ALIGN - 1);
  heap_end = old + amount;
  insert_free(b);
  return true;
}

void* malloc(size_t size) {
  size_t need = block_size_for(size);
  if (need == 0) return NULL;
  for (int attempt = 0; attempt < 2; ++attempt) {
    block_t* prev = NULL;
    for (block_t* b = free_list; b != NULL; prev = b, b = b->next) {
      if (b->size < need) continue;
      if (prev != NULL) {
        prev->next = b->next;
      } else {
        free_list = b->next;
      }
      b->next = BLOCK_IN_USE;
      trim(b, need);
      return (char*)b + sizeof(block_t);
    }
    if (attempt == 0 && !grow(need)) break;
  }
  return NULL;
}

void free(void* p) {
  if (p == NULL) return;
  block_t* b = header_of(p);
  if (b->next != BLOCK_IN_USE) abort(); /* double free or not from malloc */
  insert_free(b);
}

void* calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  void* p = malloc(count * size);
  if (p != NULL) memset(p, 0, count * size);
  return p;
}

void* realloc(void* p, size_t size) {
  if (p == NULL) return malloc(size);
  if (size == 0) {
    free(p);
    return NULL;
  }
  block_t* b = header_of(p);
  if (b->next != BLOCK_IN_USE) abort();
  size_t need = block_size_for(size);
  if (need == 0) return NULL;
  if (need <= b->size) {
    trim(b, need);
    return p;
  }
  /* Absorb the free block right after this one if that is enough. */
  char* end = (char*)b + b->size;
  block_t* prev = NULL;
  for (block_t* f = free_list; f != NULL && (char*)f <= end; prev = f, f = f->next) {
    if ((char*)f == end && b->size + f->size >= need) {
      if (prev != NULL) {
        prev->next = f->next;
      } else {
        free_list = f->next;
      }
      b->size += f->size;
      trim(b, need);
      return p;
    }
  }
  void* q = malloc(size);
  if (q == NULL) return NULL;
  memcpy(q, p, b->size - sizeof(block_t));
  free(p);
  return q;
}
