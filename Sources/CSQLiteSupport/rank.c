// kb_rank: FTS5's bm25 for the best few rows of a large match, without the cost of bm25 for the
// rest.
//
// `ORDER BY bm25(...) LIMIT k` scores every row that matches, and most of a row's cost is its
// length: FTS5 runs a prepared statement on the %_docsize table for each row (about 0.9 us of
// the 1.4 us a row costs; 19,000 matches of a two-word query took 26 ms, 18 of them there).
//
// The score of a row is, as in FTS5's bm25 (fts5_aux.c, SQLite 3.40; Robertson and Zaragoza,
// "The Probabilistic Relevance Framework: BM25 and Beyond", 2009):
//
//     sum over phrases i of  idf(i) * f(i) * (k1 + 1) / (f(i) + k1 * (1 - b + b * D / avgdl))
//
// with k1 = 1.2, b = 0.75, f(i) the column-weighted count of phrase i in the row, D the row's
// length in tokens (all columns), avgdl the mean length, and idf(i) = ln((N - n + 0.5) /
// (n + 0.5)) over the N rows and the n rows holding phrase i (at least 1e-6).
//
// Each term falls as D grows, so a length that is certainly too small gives a score that is
// certainly too high. Such a length comes free with the counts: a phrase found at token offset
// o of a column means the column holds more than o tokens, so D is at least the sum over
// columns of the largest offset found there plus one. The function keeps the `limit` best exact
// scores seen so far in this query; a row whose upper bound is below the worst of them cannot be
// among the best `limit` in the end (that worst only rises), and is given its bound instead of
// its score without reading its length. Every row that can still make the cut is scored exactly,
// with the same operations in the same order as bm25, so the best `limit` rows, their order and
// their scores are bm25's (tested against it, ties included).
//
// Requirements on the query: the same `limit` in the call and the LIMIT clause, ordered by the
// score descending, and the function evaluated only for rows the query keeps (any WHERE term is
// tested before the result columns are computed, as SQLite does). The bound needs weights of
// zero or more; with a negative weight every row is scored in full.

#include "CSQLiteSupport.h"
#include "internal.h"
#include <math.h>
#include <string.h>

// Each multiply and add rounded on its own, as in SQLite's own build of bm25: a fused
// multiply-add (clang contracts by default on some targets) would change the last bits.
#pragma STDC FP_CONTRACT OFF

/// What one query's calls share: the phrase statistics, and the best exact scores so far.
typedef struct {
    int phraseCount;
    int limit;       // how many best scores are kept
    int kept;        // how many are held in `best` so far (at most `limit`)
    int prune;       // false when a weight is negative: a score may then grow with length
    double meanLength;
    double *idf;     // per phrase
    double *weighted;  // per phrase, for the current row
    double *best;    // a min-heap of the best exact scores: best[0] is the worst of them
    int columnCount;
    int *seen;       // per column, for the current row
    sqlite3_int64 lastRowid;
    double lastScore;
    int hasLast;
} RankState;

static const double k1 = 1.2;
static const double b = 0.75;

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

/// Adds an exact score to the kept ones, dropping the worst once `limit` are kept.
static void keep(RankState *state, double score) {
    double *heap = state->best;
    int i;
    if (state->kept < state->limit) {
        i = state->kept++;
        heap[i] = score;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent] <= heap[i]) break;
            double swap = heap[parent];
            heap[parent] = heap[i];
            heap[i] = swap;
            i = parent;
        }
        return;
    }
    if (score <= heap[0]) return;
    heap[0] = score;
    i = 0;
    for (;;) {
        int left = 2 * i + 1, right = left + 1, least = i;
        if (left < state->kept && heap[left] < heap[least]) least = left;
        if (right < state->kept && heap[right] < heap[least]) least = right;
        if (least == i) break;
        double swap = heap[least];
        heap[least] = heap[i];
        heap[i] = swap;
        i = least;
    }
}

/// The bm25 sum for the current row's weighted counts and a length D.
static double bm25(const RankState *state, double length) {
    double score = 0.0;
    for (int i = 0; i < state->phraseCount; i++) {
        double f = state->weighted[i];
        score += state->idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * length / state->meanLength)));
    }
    return score;
}

/// The first call of a query: idf of every phrase and the mean length, as bm25 computes them.
static RankState *start(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_int64 wanted, int prune, int *rc) {
    sqlite3_int64 rows = 0, tokens = 0;
    *rc = api->xRowCount(fts, &rows);
    if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (*rc != SQLITE_OK) return NULL;
    // No more scores are kept than there are rows; without pruning, none need be.
    if (wanted > rows) wanted = rows;
    if (wanted > (1 << 30)) wanted = 1 << 30;
    if (wanted < 1 || !prune) wanted = 1;
    int limit = (int)wanted;
    int phrases = api->xPhraseCount(fts);
    int columns = api->xColumnCount(fts);
    size_t bytes = sizeof(RankState) + sizeof(double) * ((size_t)phrases * 2 + (size_t)limit) + sizeof(int) * (size_t)columns;
    RankState *state = sqlite3_malloc64(bytes);
    if (state == NULL) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    memset(state, 0, bytes);
    state->phraseCount = phrases;
    state->limit = limit;
    state->prune = prune;
    state->idf = (double *)&state[1];
    state->weighted = state->idf + phrases;
    state->best = state->weighted + phrases;
    state->columnCount = columns;
    state->seen = (int *)(state->best + limit);
    state->meanLength = (double)tokens / (double)rows;
    for (int i = 0; *rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 holding = 0;
        *rc = api->xQueryPhrase(fts, i, &holding, countRow);
        double idf = log((rows - holding + 0.5) / (holding + 0.5));
        state->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, state, sqlite3_free);
    else sqlite3_free(state);
    return *rc == SQLITE_OK ? state : NULL;
}

static void rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc < 1) {
        sqlite3_result_error(context, "kb_rank: the last argument is how many rows the query keeps", -1);
        return;
    }
    int weights = argc - 1;
    int rc = SQLITE_OK;
    RankState *state = api->xGetAuxdata(fts, 0);
    if (state == NULL) {
        int prune = 1;
        for (int column = 0; column < weights; column++) {
            if (sqlite3_value_double(argv[column]) < 0.0) prune = 0;
        }
        state = start(api, fts, sqlite3_value_int64(argv[argc - 1]), prune, &rc);
        if (state == NULL) {
            sqlite3_result_error_code(context, rc);
            return;
        }
    }
    // A query may ask for the score more than once per row (a result column and ORDER BY):
    // a row must enter the kept scores once.
    sqlite3_int64 rowid = api->xRowid(fts);
    if (state->hasLast && rowid == state->lastRowid) {
        sqlite3_result_double(context, state->lastScore);
        return;
    }
    int *seen = state->seen;  // per column: the largest offset found, plus one
    memset(seen, 0, sizeof(int) * (size_t)state->columnCount);
    for (int i = 0; i < state->phraseCount; i++) {
        Fts5PhraseIter iterator;
        int column, offset;
        double weighted = 0.0;
        rc = api->xPhraseFirst(fts, i, &iterator, &column, &offset);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(context, rc);
            return;
        }
        for (; column >= 0; api->xPhraseNext(fts, &iterator, &column, &offset)) {
            weighted += weights > column ? sqlite3_value_double(argv[column]) : 1.0;
            if (column < state->columnCount && offset >= seen[column]) seen[column] = offset + 1;
        }
        state->weighted[i] = weighted;
    }
    double score;
    double bound = 0.0;
    if (state->prune && state->kept == state->limit) {
        int shortest = 0;
        for (int column = 0; column < state->columnCount; column++) shortest += seen[column];
        bound = bm25(state, (double)(shortest > 0 ? shortest : 1));
    }
    if (state->prune && state->kept == state->limit && bound < state->best[0]) {
        score = bound;
    } else {
        int length = 0;
        rc = api->xColumnSize(fts, -1, &length);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(context, rc);
            return;
        }
        score = bm25(state, (double)length);
        keep(state, score);
    }
    state->hasLast = 1;
    state->lastRowid = rowid;
    state->lastScore = score;
    sqlite3_result_double(context, score);
}

int kb_register_rank(fts5_api *fts5) {
    return fts5->xCreateFunction(fts5, "kb_rank", NULL, rank, NULL);
}

int kb_sqlite_register_fts5(sqlite3 *db) {
    // The FTS5 API is handed out through a pointer-passing SELECT (sqlite.org/fts5.html#extending_fts5).
    fts5_api *fts5 = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&fts5, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (fts5 == NULL || fts5->iVersion < 2) return SQLITE_ERROR;
    rc = kb_register_rank(fts5);
    if (rc != SQLITE_OK) return rc;
    return kb_register_cached_tokenizer(fts5);
}
