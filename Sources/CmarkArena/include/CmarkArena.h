#ifndef KB_CMARK_ARENA_H
#define KB_CMARK_ARENA_H

#include <cmark.h>
#include <stddef.h>

/// A point in this thread's arena: what was allocated after it goes at once on release.
typedef struct {
    void *chunk;
    size_t used;
} kb_arena_mark;

/// The current point of this thread's arena.
kb_arena_mark kb_cmark_arena_mark(void);

/// Parses `length` bytes of Markdown as `cmark_parse_document` does, with every node and buffer
/// taken from this thread's arena. The document stays valid until the arena is released to a
/// mark taken before the call; it must not be given to `cmark_node_free` (that is a no-op here,
/// and so is every other free of arena memory).
cmark_node *kb_cmark_parse(const char *text, size_t length, int options);

/// Gives back everything allocated on this thread since `mark` (marks are released in the
/// reverse order they were taken). One chunk is kept for the next document; the rest of the
/// arena goes when the thread ends. Memory allocated before a mark must not be reallocated
/// until that mark is released: the grown or moved block is the newer mark's and goes with it.
/// cmark does not realloc a finished tree's buffers (rendering and iterating allocate anew).
void kb_cmark_arena_release(kb_arena_mark mark);

#endif
