// kb_text_rows: a table-valued function over rows that a caller hands out one at a time.
//
//     INSERT INTO t (rowid, a, b, c, d) SELECT id, text1, text2, text3, text4 FROM kb_text_rows(?1)
//
// with ?1 bound by kb_text_rows_bind to a kb_row_source. SQLite runs such an INSERT as one
// statement that pulls each row as it goes, so a source whose `next` waits for its rows turns
// the statement into a consumer of a stream: rows written by another thread are inserted as
// they come, without a statement (and, for FTS5, a flushed segment) per batch.
#include <string.h>
#include "include/CSQLiteSupport.h"

// The pointer type of sqlite3_bind_pointer: SQLite compares it with strcmp, and it must live as
// long as the binding, so one static string serves both sides.
static const char kPointerType[] = "kb_row_source";

enum { kColumnID = 0, kColumnSource = 5 };

typedef struct {
    sqlite3_vtab base;
} RowsTable;

typedef struct {
    sqlite3_vtab_cursor base;
    kb_row_source *source;
    kb_text_row row;
    sqlite3_int64 count;
    int atEnd;
    int failed;
} RowsCursor;

static int rowsConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **error) {
    (void)aux; (void)argc; (void)argv; (void)error;
    int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(id INTEGER, text1 TEXT, text2 TEXT, text3 TEXT, text4 TEXT, source HIDDEN)");
    if (rc != SQLITE_OK) return rc;
    RowsTable *table = sqlite3_malloc(sizeof *table);
    if (table == NULL) return SQLITE_NOMEM;
    memset(table, 0, sizeof *table);
    *out = &table->base;
    return SQLITE_OK;
}

static int rowsDisconnect(sqlite3_vtab *table) {
    sqlite3_free(table);
    return SQLITE_OK;
}

// Only a plan with the source given (`kb_text_rows(?1)`) is usable: without it there is nothing to read.
static int rowsBestIndex(sqlite3_vtab *table, sqlite3_index_info *info) {
    (void)table;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];
        if (constraint->iColumn != kColumnSource || constraint->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
        if (!constraint->usable) return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->idxNum = 1;
        info->estimatedCost = 1;
        return SQLITE_OK;
    }
    return SQLITE_CONSTRAINT;
}

static int rowsOpen(sqlite3_vtab *table, sqlite3_vtab_cursor **out) {
    (void)table;
    RowsCursor *cursor = sqlite3_malloc(sizeof *cursor);
    if (cursor == NULL) return SQLITE_NOMEM;
    memset(cursor, 0, sizeof *cursor);
    cursor->atEnd = 1;
    *out = &cursor->base;
    return SQLITE_OK;
}

static int rowsClose(sqlite3_vtab_cursor *cursor) {
    sqlite3_free(cursor);
    return SQLITE_OK;
}

static int rowsAdvance(RowsCursor *cursor) {
    memset(&cursor->row, 0, sizeof cursor->row);
    int got = cursor->source->next(cursor->source->context, &cursor->row);
    if (got < 0) {
        cursor->atEnd = 1;
        cursor->base.pVtab->zErrMsg = sqlite3_mprintf("kb_text_rows: the row source failed");
        return SQLITE_ERROR;
    }
    cursor->atEnd = got == 0;
    cursor->count += 1;
    return SQLITE_OK;
}

static int rowsFilter(sqlite3_vtab_cursor *base, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
    (void)idxStr;
    RowsCursor *cursor = (RowsCursor *)base;
    cursor->atEnd = 1;
    cursor->count = 0;
    cursor->source = idxNum == 1 && argc == 1 ? sqlite3_value_pointer(argv[0], kPointerType) : NULL;
    if (cursor->source == NULL) return SQLITE_OK;  // a NULL or foreign value: no rows
    return rowsAdvance(cursor);
}

static int rowsNext(sqlite3_vtab_cursor *base) {
    return rowsAdvance((RowsCursor *)base);
}

static int rowsEof(sqlite3_vtab_cursor *base) {
    return ((RowsCursor *)base)->atEnd;
}

static int rowsColumn(sqlite3_vtab_cursor *base, sqlite3_context *context, int column) {
    RowsCursor *cursor = (RowsCursor *)base;
    if (column == kColumnID) {
        sqlite3_result_int64(context, cursor->row.id);
    } else if (column > kColumnID && column < kColumnSource) {
        const char *text = cursor->row.text[column - 1];
        // SQLITE_STATIC: the source keeps the bytes until its next call, and the INSERT that
        // reads them is done with the row by then (SQLite copies whatever it must keep).
        if (text == NULL) sqlite3_result_null(context);
        else sqlite3_result_text(context, text, cursor->row.length[column - 1], SQLITE_STATIC);
    } else {
        sqlite3_result_null(context);
    }
    return SQLITE_OK;
}

static int rowsRowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid) {
    *rowid = ((RowsCursor *)base)->count;
    return SQLITE_OK;
}

static sqlite3_module rowsModule = {
    .iVersion = 0,
    .xCreate = NULL,  // eponymous only: used as kb_text_rows(...), never created as a table
    .xConnect = rowsConnect,
    .xBestIndex = rowsBestIndex,
    .xDisconnect = rowsDisconnect,
    .xDestroy = rowsDisconnect,
    .xOpen = rowsOpen,
    .xClose = rowsClose,
    .xFilter = rowsFilter,
    .xNext = rowsNext,
    .xEof = rowsEof,
    .xColumn = rowsColumn,
    .xRowid = rowsRowid,
};

int kb_sqlite_register_text_rows(sqlite3 *db) {
    return sqlite3_create_module(db, "kb_text_rows", &rowsModule, NULL);
}

int kb_text_rows_bind(sqlite3_stmt *statement, int index, kb_row_source *source) {
    return sqlite3_bind_pointer(statement, index, source, kPointerType, NULL);
}
