#ifndef KB_CSQLITESUPPORT_H
#define KB_CSQLITESUPPORT_H
#include <sqlite3.h>

/// SQLite pieces that Swift cannot express: a variadic call, and FTS5 extensions (their
/// callbacks take C function tables that SQLite calls millions of times per search or index).

/// Whether closing the connection checkpoints the write-ahead log (SQLite does by default).
/// sqlite3_db_config is variadic, which Swift cannot call. Returns SQLITE_OK or an error code.
int kb_sqlite_checkpoint_on_close(sqlite3 *db, int enabled);

/// Registers kb's FTS5 pieces on a connection. The function `kb_rank(table, w1, ..., wN, limit)`:
/// the score bm25(table, w1, ..., wN) would give, negated (higher is better), computed exactly
/// for every row that can still be among the best `limit` (rank.c). The tokenizer `kb_cached`
/// (`tokenize='kb_cached porter unicode61 ...'`): the tokens of the tokenizer it names, with
/// each ASCII word's tokens remembered (tokenizer.c). Returns SQLITE_OK or an error code.
int kb_sqlite_register_fts5(sqlite3 *db);

/// For tests of `kb_cached`: whether its fast path reads bytes as the wrapped tokenizer's check
/// assumes (else every word goes to the wrapped tokenizer, which is correct but slow), and the
/// hash it files a plain ASCII word of up to 48 bytes under (0 for any other word).
int kb_cached_fast_path_enabled(void);
unsigned int kb_cached_word_hash(const char *word, int length);

/// Asks the kernel to start writing the file's dirty pages to disk, without waiting for it
/// (sync_file_range(2), which Swift's Glibc module does not show). Returns 0, or -1 with errno.
int kb_start_writeback(const char *path);

/// Turns off SQLite's memory statistics for the process, before SQLite starts (sqlite3_config is
/// variadic, and must come before the first connection). With them on, every allocation and free
/// takes a global mutex to count bytes nothing reads: 537,000 lock/unlock pairs and 55 million of
/// the writer's 1,370 million instructions in a full index of the 7 MB corpus. Returns SQLITE_OK,
/// or SQLITE_MISUSE when SQLite had already started (nothing is changed then).
int kb_sqlite_configure_process(void);

#endif
