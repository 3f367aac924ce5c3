package main

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB's SQLite backend uses
)

// FerretDB 1.24 creates its _id index on `_ferretdb_sjson->'"_id"'`-style expressions but filters on
// `_ferretdb_sjson->'$._id'`, so SQLite never uses that index and every lookup by _id scans the table
// (EXPLAIN QUERY PLAN: SCAN). indexIDs adds an index on the exact expression FerretDB filters on to every
// collection table, a moment after FerretDB creates it. Measured on 4,000 documents: findById 118/s → 713/s,
// update by _id 14/s → 368/s. FerretDB keeps its own index metadata elsewhere, so it never sees these indexes;
// dropping a collection drops its table and them with it.
const idIndexSuffix = "_niryat_id"

const missingIDIndexes = `
SELECT t.name FROM sqlite_master t
WHERE t.type = 'table'
  AND t.name NOT LIKE '\_ferretdb\_%' ESCAPE '\'
  AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = t.name || '` + idIndexSuffix + `')`

func indexIDs(ctx context.Context, dir string, logger *slog.Logger) {
	open := map[string]*sql.DB{}
	defer func() {
		for _, db := range open {
			db.Close()
		}
	}()

	ticker := time.NewTicker(250 * time.Millisecond)
	defer ticker.Stop()

	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}

		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		seen := map[string]bool{}
		for _, file := range files {
			seen[file] = true
			db, ok := open[file]
			if !ok {
				var err error
				db, err = sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
				if err != nil {
					continue
				}
				db.SetMaxOpenConns(1)
				open[file] = db
			}
			indexTables(ctx, db, logger)
		}
		// Databases dropped since the last tick: forget their connections.
		for file, db := range open {
			if _, err := os.Stat(file); !seen[file] || err != nil {
				db.Close()
				delete(open, file)
			}
		}
	}
}

func indexTables(ctx context.Context, db *sql.DB, logger *slog.Logger) {
	rows, err := db.QueryContext(ctx, missingIDIndexes)
	if err != nil {
		return
	}
	var tables []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) == nil {
			tables = append(tables, name)
		}
	}
	rows.Close()

	for _, table := range tables {
		q := `CREATE INDEX IF NOT EXISTS "` + table + idIndexSuffix + `" ON "` + table + `" (_ferretdb_sjson->'$._id')`
		if _, err := db.ExecContext(ctx, q); err != nil {
			logger.Debug("could not add _id index", "table", table, "error", err)
		}
	}
}
