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

/// Asks the kernel to start writing the file's dirty pages to disk, without waiting for it
/// (sync_file_range(2), which Swift's Glibc module does not show). Returns 0, or -1 with errno.
int kb_start_writeback(const char *path);

/// Turns off SQLite's memory statistics for the process, before SQLite starts (sqlite3_config is
/// variadic, and must come before the first connection). With them on, every allocation and free
/// takes a global mutex to count bytes nothing reads: 537,000 lock/unlock pairs and 55 million of
/// the writer's 1,370 million instructions in a full index of the 7 MB corpus. Returns SQLITE_OK,
/// or SQLITE_MISUSE when SQLite had already started (nothing is changed then).
int kb_sqlite_configure_process(void);

/// One row of `kb_text_rows` (rows.c): an integer and four texts (NULL for an SQL NULL), each
/// `length` bytes of UTF-8. The source keeps the bytes valid until its next call.
typedef struct kb_text_row {
    sqlite3_int64 id;
    const char *text[4];
    int length[4];
} kb_text_row;

/// Where `kb_text_rows` takes its rows: `next(context, row)` fills `row` and returns 1, returns 0
/// after the last row, or -1 when it failed (the statement then fails). It may wait for a row.
typedef struct kb_row_source {
    void *context;
    int (*next)(void *context, kb_text_row *row);
} kb_row_source;

/// Registers the table-valued function `kb_text_rows(source)` with columns id, text1 ... text4:
/// the rows of a kb_row_source, bound to the argument with kb_text_rows_bind. Returns SQLITE_OK
/// or an error code.
int kb_sqlite_register_text_rows(sqlite3 *db);

/// Binds `source` to parameter `index` of `statement` for kb_text_rows. The source must outlive
/// the statement's run.
int kb_text_rows_bind(sqlite3_stmt *statement, int index, kb_row_source *source);

#endif
