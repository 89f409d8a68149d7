// A bump allocator for cmark, one per thread.
//
// Why: cmark allocates every node, string buffer and list of a document with calloc and
// realloc and frees them one by one in cmark_node_free. For the 7 MB benchmark corpus that
// was about 160 of the 700 million instructions of each parse thread (callgrind): malloc's
// bookkeeping, not parsing. Here a document's memory is carved from large chunks and given
// back all at once when the walk of the document is over; `free` does nothing.
//
// cmark takes its allocator through `cmark_mem` (plain function pointers, no context), so the
// arena is found through a thread-local pointer; a pthread key frees it when the thread ends.

#include "CmarkArena.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    /// Bytes before each allocation: its size (for realloc), padded to keep 16-byte alignment.
    header = 16,
    /// The usual chunk; a larger request gets a chunk of its own size.
    chunkBytes = 256 * 1024,
};

typedef struct Chunk {
    struct Chunk *previous;
    size_t capacity;  // bytes in `data`
    size_t used;
    size_t padding;   // keeps `data` 16-byte aligned
    unsigned char data[];
} Chunk;

typedef struct {
    Chunk *top;    // the chunk allocations come from; older ones through `previous`
    Chunk *spare;  // a released chunk of the usual size, kept for the next document
} Arena;

static pthread_key_t arenaKey;
static pthread_once_t arenaOnce = PTHREAD_ONCE_INIT;
static __thread Arena *threadArena;

static void destroyArena(void *value) {
    Arena *arena = value;
    threadArena = NULL;  // the destructor runs on the thread that is ending
    for (Chunk *chunk = arena->top; chunk != NULL;) {
        Chunk *previous = chunk->previous;
        free(chunk);
        chunk = previous;
    }
    free(arena->spare);
    free(arena);
}

static int haveKey;

static void makeKey(void) { haveKey = pthread_key_create(&arenaKey, destroyArena) == 0; }

static Arena *currentArena(void) {
    if (threadArena != NULL) return threadArena;
    pthread_once(&arenaOnce, makeKey);
    Arena *arena = calloc(1, sizeof(Arena));
    if (arena == NULL) abort();  // as cmark's own allocator does when memory runs out
    // Without a key (out of keys), the arena outlives its thread: leaked, not wrong.
    if (haveKey) pthread_setspecific(arenaKey, arena);
    threadArena = arena;
    return arena;
}

static size_t rounded(size_t size) { return (header + size + 15) & ~(size_t)15; }

static void *allocate(size_t size) {
    Arena *arena = currentArena();
    size_t needed = rounded(size);
    if (needed < size) abort();  // overflow
    Chunk *chunk = arena->top;
    if (chunk == NULL || chunk->capacity - chunk->used < needed) {
        size_t usual = chunkBytes - sizeof(Chunk);
        if (needed <= usual && arena->spare != NULL) {
            chunk = arena->spare;
            arena->spare = NULL;
        } else {
            size_t capacity = needed > usual ? needed : usual;
            chunk = malloc(sizeof(Chunk) + capacity);
            if (chunk == NULL) abort();
            chunk->capacity = capacity;
        }
        chunk->used = 0;
        chunk->previous = arena->top;
        arena->top = chunk;
    }
    unsigned char *start = chunk->data + chunk->used;
    chunk->used += needed;
    memcpy(start, &size, sizeof size);
    return start + header;
}

static void *arenaCalloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *memory = allocate(count * size);
    memset(memory, 0, count * size);
    return memory;
}

static void *arenaRealloc(void *pointer, size_t size) {
    if (pointer == NULL) return allocate(size);
    unsigned char *start = (unsigned char *)pointer - header;
    size_t old;
    memcpy(&old, start, sizeof old);
    Chunk *chunk = currentArena()->top;
    // The newest allocation grows in place when its chunk has room.
    uintptr_t begin = (uintptr_t)chunk->data;
    if ((uintptr_t)start + rounded(old) == begin + chunk->used && rounded(size) >= rounded(old)
        && (uintptr_t)start - begin + rounded(size) <= chunk->capacity) {
        chunk->used = (size_t)((uintptr_t)start - begin) + rounded(size);
        memcpy(start, &size, sizeof size);
        return pointer;
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, old < size ? old : size);
    return moved;
}

static void arenaFree(void *pointer) { (void)pointer; }

static cmark_mem arenaMem = {arenaCalloc, arenaRealloc, arenaFree};

kb_arena_mark kb_cmark_arena_mark(void) {
    Arena *arena = currentArena();
    kb_arena_mark mark = {arena->top, arena->top == NULL ? 0 : arena->top->used};
    return mark;
}

void kb_cmark_arena_release(kb_arena_mark mark) {
    Arena *arena = currentArena();
    while (arena->top != NULL && arena->top != mark.chunk) {
        Chunk *chunk = arena->top;
        arena->top = chunk->previous;
        if (arena->spare == NULL && chunk->capacity == chunkBytes - sizeof(Chunk)) {
            arena->spare = chunk;
        } else {
            free(chunk);
        }
    }
    if (arena->top != NULL) arena->top->used = mark.used;
}

cmark_node *kb_cmark_parse(const char *text, size_t length, int options) {
    cmark_parser *parser = cmark_parser_new_with_mem(options, &arenaMem);
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}
