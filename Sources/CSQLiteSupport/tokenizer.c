// kb_cached: an FTS5 tokenizer that gives exactly the tokens of the tokenizer it wraps
// (`porter unicode61 remove_diacritics 2` in our schema), remembering each plain ASCII word's
// result so that the wrapped tokenizer runs once per distinct word rather than once per word.
//
// Why: a full index of 7 MB of notes hands FTS5 about 1.2 million words. Folding and stemming
// each of them took 0.35 of the 4.1 billion instructions of the whole index (callgrind), on the
// one thread that writes SQLite; English notes repeat a few ten thousand distinct words.
//
// Why the tokens are the same: unicode61 (with no `tokenchars` or `separators` option) treats
// every ASCII byte that is not a letter or digit as a separator and every ASCII letter or digit
// as part of a token, and folds ASCII letters to lower case before anything else looks at them;
// porter then stems each token on its own. So the text splits at ASCII separators into pieces
// that are tokenized independently of each other, and a piece made only of ASCII letters and
// digits gives the same tokens as its lower-case form. Such a piece is looked up in a table;
// on a miss, and for every piece with a byte >= 0x80, the wrapped tokenizer runs on the piece
// itself (its offsets shifted back into the text), and a plain ASCII piece that gave exactly one
// token spanning all of it is remembered. When the table is created, the wrapped tokenizer is
// checked for those three properties on every ASCII byte; if one fails, everything is handed to
// it unchanged. Queries and snippets (any call that is not FTS5_TOKENIZE_DOCUMENT) always are.
// What the check cannot see is whether the wrapped tokenizer treats a piece apart from its
// neighbours: true of unicode61 and porter, and to be checked again before wrapping another.
//
// The index stores tokens and their positions only (not byte offsets), so equal token sequences
// mean an equal index; a test compares the indexes built with and without this tokenizer.

#include "CSQLiteSupport.h"
#include "internal.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    /// Longer pieces are always handed to the wrapped tokenizer (porter leaves > 64 unstemmed).
    maxKey = 48,
    /// A token remembered for a key; porter never makes a token longer than the word.
    maxToken = 64,
    /// At most this many words are remembered per table and connection (a few MB at most).
    maxEntries = 1 << 17,
};

typedef struct {
    uint32_t hash;
    uint8_t keyLength;
    uint8_t tokenLength;
    uint32_t offset;  // key bytes, then token bytes, in the arena
} Entry;

typedef struct {
    fts5_tokenizer inner;
    Fts5Tokenizer *innerInstance;
    int checked;  // the wrapped tokenizer has the three properties
    Entry *slots;  // open addressing, linear probing; hash 0 marks an empty slot
    uint32_t mask;
    uint32_t count;
    unsigned char *arena;
    size_t arenaUsed;
    size_t arenaCapacity;
} Cached;

/// A byte as the fast path sees it: 0 for an ASCII separator, `nonASCII` for a byte >= 0x80,
/// else the byte folded to lower case ('0'-'9' are 48-57, 'A'-'Z' and 'a'-'z' are 97-122).
enum { nonASCII = 0xFF };
static const unsigned char folding[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
    0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

/// An ASCII letter or digit, as the fast path reads the table (so the check of the wrapped
/// tokenizer tests the very bytes the fast path treats as parts of words).
static int isWordByte(unsigned char c) { return folding[c] != 0 && folding[c] != nonASCII; }

// MARK: - Running the wrapped tokenizer on one piece

/// What the wrapped tokenizer gave for one piece, while its tokens are passed on.
typedef struct {
    void *context;
    int (*xToken)(void *, int, const char *, int, int, int);
    int shift;  // the piece's offset in the whole text
    int count;
    int flags;
    int start;
    int end;
    int length;
    char token[maxToken];
} Forward;

static int forwardToken(void *context, int flags, const char *token, int length, int start, int end) {
    Forward *forward = context;
    if (forward->count == 0) {
        forward->flags = flags;
        forward->start = start;
        forward->end = end;
        forward->length = length;
        if (length > 0 && length <= maxToken) memcpy(forward->token, token, (size_t)length);
    }
    forward->count += 1;
    if (forward->xToken == NULL) return SQLITE_OK;
    return forward->xToken(forward->context, flags, token, length, start + forward->shift, end + forward->shift);
}

static int runInner(Cached *cached, Forward *forward, int flags, const char *text, int length) {
    forward->count = 0;
    return cached->inner.xTokenize(cached->innerInstance, forward, flags, text, length, forwardToken);
}

// MARK: - The table of remembered words

static Entry *findSlot(Cached *cached, uint32_t hash, const unsigned char *key, int length) {
    uint32_t index = hash & cached->mask;
    for (;;) {
        Entry *slot = &cached->slots[index];
        if (slot->hash == 0) return slot;
        if (slot->hash == hash && slot->keyLength == length
            && memcmp(cached->arena + slot->offset, key, (size_t)length) == 0) {
            return slot;
        }
        index = (index + 1) & cached->mask;
    }
}

/// Doubles the slots (or makes the first 4,096); returns 0 when memory runs out.
static int grow(Cached *cached) {
    uint32_t capacity = cached->slots == NULL ? 4096 : (cached->mask + 1) * 2;
    Entry *slots = calloc(capacity, sizeof(Entry));
    if (slots == NULL) return 0;
    Entry *old = cached->slots;
    uint32_t oldCapacity = old == NULL ? 0 : cached->mask + 1;
    cached->slots = slots;
    cached->mask = capacity - 1;
    for (uint32_t i = 0; i < oldCapacity; i++) {
        if (old[i].hash == 0) continue;
        uint32_t index = old[i].hash & cached->mask;
        while (slots[index].hash != 0) index = (index + 1) & cached->mask;
        slots[index] = old[i];
    }
    free(old);
    return 1;
}

static void remember(Cached *cached, uint32_t hash, const unsigned char *key, int keyLength, const Forward *forward) {
    if (cached->count >= maxEntries) return;
    if (cached->slots == NULL || (cached->count + 1) * 2 > cached->mask + 1) {
        if (!grow(cached)) return;
    }
    size_t needed = (size_t)keyLength + (size_t)forward->length;
    // Eight bytes to spare after the last key, for `sameKey`'s 64-bit reads.
    if (cached->arenaUsed + needed + 8 > cached->arenaCapacity) {
        size_t capacity = cached->arenaCapacity == 0 ? 65536 : cached->arenaCapacity * 2;
        unsigned char *arena = realloc(cached->arena, capacity);
        if (arena == NULL) return;
        cached->arena = arena;
        cached->arenaCapacity = capacity;
    }
    Entry *slot = findSlot(cached, hash, key, keyLength);
    if (slot->hash != 0) return;  // already there
    slot->hash = hash;
    slot->keyLength = (uint8_t)keyLength;
    slot->tokenLength = (uint8_t)forward->length;
    slot->offset = (uint32_t)cached->arenaUsed;
    memcpy(cached->arena + cached->arenaUsed, key, (size_t)keyLength);
    memcpy(cached->arena + cached->arenaUsed + keyLength, forward->token, (size_t)forward->length);
    cached->arenaUsed += needed;
    cached->count += 1;
}

// MARK: - The check of the wrapped tokenizer

/// Whether the wrapped tokenizer splits at every ASCII byte that is not a letter or digit,
/// keeps letters and digits together, and folds ASCII case, as the fast path assumes.
static int checkInner(Cached *cached) {
    Forward forward;
    memset(&forward, 0, sizeof forward);
    // Every ASCII byte that is not a letter or digit, each between two 'a's: "a\0a\1a...".
    char separated[2 * 128 + 1];
    int length = 0;
    int separators = 0;
    for (int c = 0; c < 128; c++) {
        if (isWordByte((unsigned char)c)) continue;
        separated[length++] = 'a';
        separated[length++] = (char)c;
        separators += 1;
    }
    separated[length++] = 'a';
    // Each 'a' a token of its own, at its own offsets: counted and checked one by one below.
    for (int i = 0; i < length; i += 2) {
        if (runInner(cached, &forward, FTS5_TOKENIZE_DOCUMENT, separated + i, i + 2 <= length ? 2 : 1) != SQLITE_OK) return 0;
        if (forward.count != 1 || forward.start != 0 || forward.end != 1) return 0;
    }
    if (runInner(cached, &forward, FTS5_TOKENIZE_DOCUMENT, separated, length) != SQLITE_OK) return 0;
    if (forward.count != separators + 1) return 0;
    // Letters and digits stay one token; upper and lower case give the same one.
    const char *upper = "QWERTYUIOPASDFGHJKLZXCVBNM0123456789";
    const char *lower = "qwertyuiopasdfghjklzxcvbnm0123456789";
    int wordLength = (int)strlen(upper);
    if (runInner(cached, &forward, FTS5_TOKENIZE_DOCUMENT, upper, wordLength) != SQLITE_OK) return 0;
    if (forward.count != 1 || forward.start != 0 || forward.end != wordLength) return 0;
    Forward folded;
    memset(&folded, 0, sizeof folded);
    if (runInner(cached, &folded, FTS5_TOKENIZE_DOCUMENT, lower, wordLength) != SQLITE_OK) return 0;
    if (folded.count != 1 || folded.length != forward.length) return 0;
    return memcmp(folded.token, forward.token, (size_t)forward.length) == 0;
}

/// Whether `byte | 0x20` is the folded byte for every ASCII letter and digit, as the fast path
/// hashes and compares them.
static int foldsByOr(void) {
    for (int c = 0; c < 128; c++) {
        if (isWordByte((unsigned char)c) && (unsigned char)(c | 0x20) != folding[c]) return 0;
    }
    return 1;
}

// MARK: - The FTS5 tokenizer

static int create(void *api, const char **arguments, int argumentCount, Fts5Tokenizer **out) {
    fts5_api *fts5 = api;
    if (argumentCount < 1) return SQLITE_ERROR;  // the wrapped tokenizer must be named
    Cached *cached = calloc(1, sizeof(Cached));
    if (cached == NULL) return SQLITE_NOMEM;
    void *innerContext = NULL;
    int rc = fts5->xFindTokenizer(fts5, arguments[0], &innerContext, &cached->inner);
    if (rc == SQLITE_OK) {
        rc = cached->inner.xCreate(innerContext, arguments + 1, argumentCount - 1, &cached->innerInstance);
    }
    if (rc != SQLITE_OK) {
        free(cached);
        return rc;
    }
    cached->checked = checkInner(cached) && foldsByOr();
    *out = (Fts5Tokenizer *)cached;
    return SQLITE_OK;
}

static void destroy(Fts5Tokenizer *tokenizer) {
    Cached *cached = (Cached *)tokenizer;
    if (cached == NULL) return;
    cached->inner.xDelete(cached->innerInstance);
    free(cached->slots);
    free(cached->arena);
    free(cached);
}

/// Whether `stored` (a remembered key, folded) is `text` folded, for `length` bytes of plain
/// ASCII letters and digits, which fold with `| 0x20` (checked in `create`). `textRoom` is how
/// many bytes may be read from `text`: a key of up to eight bytes is compared in one 64-bit step
/// when eight can be read, since the arena always has eight bytes to spare after its last key.
static inline int sameKey(const unsigned char *stored, const unsigned char *text, int length, int textRoom) {
    const uint64_t lower = 0x2020202020202020ull;
    if (length <= 8 && textRoom >= 8) {
        uint64_t a, b;
        memcpy(&a, stored, 8);
        memcpy(&b, text, 8);
        uint64_t mask = length == 8 ? ~0ull : ((1ull << (8 * length)) - 1);
        return ((a ^ (b | lower)) & mask) == 0;
    }
    int j = 0;
    for (; j + 8 <= length; j += 8) {
        uint64_t a, b;
        memcpy(&a, stored + j, 8);
        memcpy(&b, text + j, 8);
        if (a != (b | lower)) return 0;
    }
    for (; j < length; j++) {
        if (stored[j] != (text[j] | 0x20)) return 0;
    }
    return 1;
}

/// A piece the table did not answer: the wrapped tokenizer runs on it, and a plain ASCII piece
/// that gives one token spanning all of it is remembered. Kept out of `tokenize`'s loop, which
/// then holds its few variables in registers.
static __attribute__((noinline)) int tokenizePiece(
    Cached *cached, Forward *forward, int flags, const char *text, int start, int end, int cacheable, uint32_t hash
) {
    int pieceLength = end - start;
    forward->shift = start;
    int rc = runInner(cached, forward, flags, text + start, pieceLength);
    if (rc != SQLITE_OK) return rc;
    if (cacheable && forward->count == 1 && forward->flags == 0 && forward->start == 0
        && forward->end == pieceLength && forward->length > 0 && forward->length <= maxToken) {
        unsigned char key[maxKey];
        for (int j = 0; j < pieceLength; j++) key[j] = folding[(unsigned char)text[start + j]];
        remember(cached, hash, key, pieceLength, forward);
    }
    return SQLITE_OK;
}

static int tokenize(
    Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
    int (*xToken)(void *, int, const char *, int, int, int)
) {
    Cached *cached = (Cached *)tokenizer;
    if (!cached->checked || flags != FTS5_TOKENIZE_DOCUMENT) {
        return cached->inner.xTokenize(cached->innerInstance, context, flags, text, length, xToken);
    }
    const unsigned char *bytes = (const unsigned char *)text;
    Forward forward;
    forward.context = context;
    forward.xToken = xToken;
    int i = 0;
    while (i < length) {
        if (folding[bytes[i]] == 0) {
            i += 1;
            continue;
        }
        // A piece: up to the next ASCII separator. Its bytes are or-ed together (a byte >= 0x80
        // makes it not plain ASCII) and hashed folded (`| 0x20` is `folding` for letters and
        // digits; the hash of a piece that is not plain ASCII is never used).
        int start = i;
        unsigned char seen = 0;
        uint32_t hash = 2166136261u;
        for (; i < length; i++) {
            unsigned char byte = bytes[i];
            if (folding[byte] == 0) break;
            seen |= byte;
            hash = (hash ^ (uint32_t)(byte | 0x20)) * 16777619u;
        }
        int pieceLength = i - start;
        int cacheable = seen < 0x80 && pieceLength <= maxKey;
        if (hash == 0) hash = 1;  // 0 marks an empty slot
        if (cacheable && cached->slots != NULL) {
            // `findSlot`'s probe, comparing the unfolded text with `sameKey`. Kept here rather
            // than shared: `findSlot` calling `sameKey` for both cost the writer 26 million more
            // instructions on the 7 MB corpus.
            uint32_t index = hash & cached->mask;
            Entry *slot;
            for (;;) {
                slot = &cached->slots[index];
                if (slot->hash == 0) break;
                if (slot->hash == hash && slot->keyLength == pieceLength
                    && sameKey(cached->arena + slot->offset, bytes + start, pieceLength, length - start)) {
                    break;
                }
                index = (index + 1) & cached->mask;
            }
            if (slot->hash != 0) {
                int rc = xToken(context, 0, (const char *)cached->arena + slot->offset + slot->keyLength,
                                slot->tokenLength, start, i);
                if (rc != SQLITE_OK) return rc;
                continue;
            }
        }
        int rc = tokenizePiece(cached, &forward, flags, text, start, i, cacheable, hash);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

int kb_register_cached_tokenizer(fts5_api *fts5) {
    fts5_tokenizer methods = {create, destroy, tokenize};
    return fts5->xCreateTokenizer(fts5, "kb_cached", fts5, &methods, NULL);
}
