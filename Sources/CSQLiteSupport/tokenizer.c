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
// How the text is read: in blocks of 64 bytes, each turned into a 64-bit mask of its word bytes
// (16 bytes per SSE2 step, else through the table), so that finding a piece costs a few bit
// operations rather than a loop over its bytes; and a piece is read into the table's key eight
// bytes at a time (one read and a mask for most English words). On the 7 MB benchmark corpus
// this took the tokenizer from 223 to 136 million instructions on the writer (callgrind), when
// a loop over the bytes with a byte-by-byte hash had cost about 11 instructions per byte and 110
// per word. `create` checks once per process that the masks and the folding by `| 0x20` agree
// with the table for every byte value.
//
// The index stores tokens and their positions only (not byte offsets), so equal token sequences
// mean an equal index; a test compares the indexes built with and without this tokenizer.

#include "CSQLiteSupport.h"
#include "internal.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    uint32_t offset;  // the key's chunks (whole, zero-padded), then the token's bytes, in the arena
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

// MARK: - Words as 64-bit chunks

/// Eight bytes from `p` as a little-endian 64-bit value.
static inline uint64_t load64(const unsigned char *p) {
    uint64_t value;
    memcpy(&value, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap64(value);
#endif
    return value;
}

/// A word of plain ASCII letters and digits of up to `maxKey` bytes, folded to lower case
/// (`| 0x20` on each byte: checked against `folding` in `create`) in chunks of eight bytes,
/// zero after its last byte, with its hash. Words never hold a zero byte (a separator), so the
/// chunks and the length name the word.
typedef struct {
    uint64_t chunks[maxKey / 8];
    uint32_t hash;
} Key;

/// The hash of a word's chunks: its length, then each chunk in turn, mixed by multiplication;
/// the top 32 bits of the last product are the word's hash (`finishHash`).
static inline uint64_t startHash(size_t length) { return (uint64_t)length * 0xC2B2AE3D27D4EB4Full; }
static inline uint64_t addChunk(uint64_t hash, uint64_t chunk) { return (hash ^ chunk) * 0x9E3779B97F4A7C15ull; }
static inline uint32_t finishHash(uint64_t hash) {
    uint32_t folded = (uint32_t)(hash >> 32);
    return folded == 0 ? 1 : folded;  // 0 marks an empty slot
}

/// Reads the word `text[start..<end]` into `key` and returns 1 when it can be remembered:
/// plain ASCII and at most `maxKey` bytes.
static inline int readKey(Key *key, const unsigned char *text, size_t start, size_t end, size_t length) {
    size_t pieceLength = end - start;
    if (pieceLength > maxKey) return 0;
    const uint64_t lower = 0x2020202020202020ull;
    uint64_t hash = startHash(pieceLength);
    uint64_t seen = 0;
    size_t whole = pieceLength / 8;
    for (size_t k = 0; k < whole; k++) {
        uint64_t chunk = load64(text + start + 8 * k);
        seen |= chunk;
        key->chunks[k] = chunk | lower;
        hash = addChunk(hash, key->chunks[k]);
    }
    size_t rest = pieceLength % 8;
    if (rest > 0) {
        // The last bytes: one 8-byte read when the text goes on that far, never past its end.
        size_t at = start + 8 * whole;
        uint64_t used = ~0ull >> (64 - 8 * rest);
        uint64_t chunk = 0;
        if (length - at >= 8) {
            chunk = load64(text + at) & used;
        } else {
            unsigned char last[8] = {0};
            memcpy(last, text + at, rest);
            chunk = load64(last);
        }
        seen |= chunk;
        key->chunks[whole] = chunk | (lower & used);
        hash = addChunk(hash, key->chunks[whole]);
    }
    if (seen & 0x8080808080808080ull) return 0;
    key->hash = finishHash(hash);
    return 1;
}

/// A key's bytes rounded up to whole chunks, as the arena stores them.
static inline size_t paddedLength(size_t keyLength) { return (keyLength + 7) & ~(size_t)7; }

// MARK: - The table of remembered words

/// The slot holding `key` (of `length` bytes), or the empty slot where it would go.
static inline Entry *findSlot(const Cached *cached, const Key *key, size_t length) {
    uint32_t index = key->hash & cached->mask;
    size_t chunks = paddedLength(length) / 8;
    for (;;) {
        Entry *slot = &cached->slots[index];
        if (slot->hash == 0) return slot;
        if (slot->hash == key->hash && slot->keyLength == length) {
            const unsigned char *stored = cached->arena + slot->offset;
            size_t k = 0;
            for (; k < chunks; k++) {
                uint64_t chunk;
                memcpy(&chunk, stored + 8 * k, 8);
                if (chunk != key->chunks[k]) break;
            }
            if (k == chunks) return slot;
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

/// Remembers the token `forward` holds for `key`. The arena stores the key's chunks as they
/// are (in host byte order, compared only with chunks made the same way), then the token.
static void remember(Cached *cached, const Key *key, size_t keyLength, const Forward *forward) {
    if (cached->count >= maxEntries) return;
    if (cached->slots == NULL || (cached->count + 1) * 2 > cached->mask + 1) {
        if (!grow(cached)) return;
    }
    size_t stored = paddedLength(keyLength);
    size_t needed = stored + (size_t)forward->length;
    if (cached->arenaUsed + needed > cached->arenaCapacity) {
        size_t capacity = cached->arenaCapacity == 0 ? 65536 : cached->arenaCapacity * 2;
        unsigned char *arena = realloc(cached->arena, capacity);
        if (arena == NULL) return;
        cached->arena = arena;
        cached->arenaCapacity = capacity;
    }
    Entry *slot = findSlot(cached, key, keyLength);
    if (slot->hash != 0) return;  // already there
    slot->hash = key->hash;
    slot->keyLength = (uint8_t)keyLength;
    slot->tokenLength = (uint8_t)forward->length;
    slot->offset = (uint32_t)cached->arenaUsed;
    memcpy(cached->arena + cached->arenaUsed, key->chunks, stored);
    memcpy(cached->arena + cached->arenaUsed + stored, forward->token, (size_t)forward->length);
    cached->arenaUsed += needed;
    cached->count += 1;
}

// MARK: - Finding the words

/// Bit j: byte j of the 64 at `p` is part of a word, which `folding` says is any byte but an
/// ASCII separator (an ASCII letter or digit, or a byte >= 0x80). Sixteen bytes per step with
/// SSE2; `create` checks the answer for every byte value against `folding`.
static inline uint64_t wordBits(const unsigned char *p) {
#if defined(__SSE2__)
    uint64_t bits = 0;
    for (int k = 0; k < 4; k++) {
        __m128i c = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i lower = _mm_or_si128(c, _mm_set1_epi8(0x20));
        __m128i letter = _mm_and_si128(
            _mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        __m128i digit = _mm_and_si128(
            _mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('9' + 1)));
        // The top bit of each byte: a letter, a digit, or the byte's own (>= 0x80).
        __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), c);
        bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(word) << (16 * k);
    }
    return bits;
#else
    uint64_t bits = 0;
    for (int j = 0; j < 64; j++) bits |= (uint64_t)(folding[p[j]] != 0) << j;
    return bits;
#endif
}

/// `wordBits` of block `block` (bytes 64 * block on) of a text of `length` bytes; the bytes
/// after the end count as separators.
static inline uint64_t blockBits(const unsigned char *text, size_t length, size_t block) {
    size_t offset = block * 64;
    if (length - offset >= 64) return wordBits(text + offset);
    unsigned char tail[64];
    memset(tail, 0, sizeof tail);
    memcpy(tail, text + offset, length - offset);
    return wordBits(tail);
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

/// Whether the fast path reads bytes as `folding` says: `byte | 0x20` is the folded byte of every
/// ASCII letter and digit (how `readKey` folds them), and `wordBits` tells word bytes from
/// separators for every byte value, and puts each byte's bit in its place.
static int fastPathAgrees(void) {
    for (int c = 0; c < 128; c++) {
        if (isWordByte((unsigned char)c) && (unsigned char)(c | 0x20) != folding[c]) return 0;
    }
    // Every byte value, a whole block of it (the comparisons treat each byte alike, wherever it
    // is), then blocks of words and separators in known patterns (each byte's bit in its place).
    unsigned char block[64];
    for (int c = 0; c < 256; c++) {
        memset(block, c, sizeof block);
        if (wordBits(block) != (folding[c] != 0 ? ~0ull : 0)) return 0;
    }
    const uint64_t patterns[] = {0x5555555555555555ull, 0x0123456789ABCDEFull, 0xF0E1D2C3B4A59687ull};
    for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
        for (int j = 0; j < 64; j++) block[j] = (patterns[k] >> j) & 1 ? 'a' : ' ';
        if (wordBits(block) != patterns[k]) return 0;
    }
    return 1;
}

static pthread_once_t fastPathCheck = PTHREAD_ONCE_INIT;
static int fastPathReadsAsFolding = 0;
/// `fastPathAgrees`, once per process: it does not depend on the wrapped tokenizer.
static void checkFastPath(void) { fastPathReadsAsFolding = fastPathAgrees(); }

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
    pthread_once(&fastPathCheck, checkFastPath);
    cached->checked = fastPathReadsAsFolding && checkInner(cached);
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

/// Any piece but a plain ASCII word of up to eight bytes with eight bytes of text to read from
/// its start (those `tokenize` looks up itself). A plain ASCII piece of up to `maxKey` bytes is
/// looked up by its `Key`; any other piece, or a miss, goes to the wrapped tokenizer, which runs
/// on the piece itself (its offsets shifted back into the text), and a plain ASCII piece that
/// gave one token spanning all of it is remembered. Kept out of `tokenize`'s loop, which then
/// holds its few variables in registers.
static __attribute__((noinline)) int tokenizeOther(
    Cached *cached, void *context, int (*xToken)(void *, int, const char *, int, int, int),
    const char *text, size_t start, size_t end, size_t size
) {
    Key key;
    int cacheable = readKey(&key, (const unsigned char *)text, start, end, size);
    if (cacheable && cached->slots != NULL) {
        Entry *slot = findSlot(cached, &key, end - start);
        if (slot->hash != 0) {
            return xToken(context, 0, (const char *)cached->arena + slot->offset + paddedLength(slot->keyLength),
                          slot->tokenLength, (int)start, (int)end);
        }
    }
    Forward forward;
    forward.context = context;
    forward.xToken = xToken;
    forward.shift = (int)start;
    int pieceLength = (int)(end - start);
    int rc = runInner(cached, &forward, FTS5_TOKENIZE_DOCUMENT, text + start, pieceLength);
    if (rc != SQLITE_OK) return rc;
    if (cacheable && forward.count == 1 && forward.flags == 0 && forward.start == 0
        && forward.end == pieceLength && forward.length > 0 && forward.length <= maxToken) {
        remember(cached, &key, (size_t)pieceLength, &forward);
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
    if (length <= 0) return SQLITE_OK;
    const unsigned char *bytes = (const unsigned char *)text;
    size_t size = (size_t)length;
    // The text in blocks of 64 bytes, each read as a mask of its word bytes: a piece (a word up
    // to the next ASCII separator) starts at a set bit and ends at the next clear one.
    size_t blocks = (size + 63) / 64;
    size_t block = 0;
    uint64_t bits = blockBits(bytes, size, 0);  // the word bytes of `block`
    uint64_t pending = bits;  // those not handed on yet
    for (;;) {
        while (pending == 0) {
            if (++block >= blocks) return SQLITE_OK;
            bits = pending = blockBits(bytes, size, block);
        }
        size_t start = block * 64 + (size_t)__builtin_ctzll(pending);
        uint64_t after = ~bits & (~0ull << (start & 63));  // separators from the piece on
        while (after == 0) {
            if (++block >= blocks) break;
            bits = blockBits(bytes, size, block);
            after = ~bits;
        }
        size_t end;
        if (block < blocks) {
            end = block * 64 + (size_t)__builtin_ctzll(after);
            pending = bits & (~0ull << (end & 63));
        } else {
            end = size;
            pending = 0;
        }
        // Most words: up to eight bytes, read in one step. `readKey` and `findSlot` for one
        // chunk, written out here: with the general ones inlined in their place, the loop cost
        // 165 instructions a word (callgrind, 7 MB corpus); this way, about 75.
        size_t pieceLength = end - start;
        if (pieceLength <= 8 && size - start >= 8 && cached->slots != NULL) {
            uint64_t chunk = load64(bytes + start);
            uint64_t used = ~0ull >> (64 - 8 * pieceLength);
            chunk &= used;
            if ((chunk & 0x8080808080808080ull) == 0) {
                chunk |= 0x2020202020202020ull & used;
                uint32_t hash = finishHash(addChunk(startHash(pieceLength), chunk));
                uint32_t index = hash & cached->mask;
                const Entry *slot;
                for (;;) {
                    slot = &cached->slots[index];
                    if (slot->hash == 0) break;
                    if (slot->hash == hash && slot->keyLength == pieceLength) {
                        uint64_t stored;
                        memcpy(&stored, cached->arena + slot->offset, 8);
                        if (stored == chunk) break;
                    }
                    index = (index + 1) & cached->mask;
                }
                if (slot->hash != 0) {
                    int rc = xToken(context, 0, (const char *)cached->arena + slot->offset + 8, slot->tokenLength,
                                    (int)start, (int)end);
                    if (rc != SQLITE_OK) return rc;
                    continue;
                }
            }
        }
        int rc = tokenizeOther(cached, context, xToken, text, start, end, size);
        if (rc != SQLITE_OK) return rc;
    }
}

int kb_cached_fast_path_enabled(void) {
    pthread_once(&fastPathCheck, checkFastPath);
    return fastPathReadsAsFolding;
}

unsigned int kb_cached_word_hash(const char *word, int length) {
    Key key;
    if (length <= 0 || !readKey(&key, (const unsigned char *)word, 0, (size_t)length, (size_t)length)) return 0;
    return key.hash;
}

int kb_register_cached_tokenizer(fts5_api *fts5) {
    fts5_tokenizer methods = {create, destroy, tokenize};
    return fts5->xCreateTokenizer(fts5, "kb_cached", fts5, &methods, NULL);
}
