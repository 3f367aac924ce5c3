// Command ferretdb runs an embedded FerretDB 1.24 (MongoDB wire protocol) on its
// SQLite backend, so the demo and the tests have a real MongoDB-compatible server
// without a MongoDB binary. It prints one line, `READY <mongodb-uri>`, once it is
// listening, and exits cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 0, "TCP port; 0 picks a free one")
	dir := flag.String("dir", "", "data directory for the SQLite backend (required)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if *dir == "" {
		fail("--dir is required: the directory where FerretDB keeps its SQLite files")
	}
	absDir, err := filepath.Abs(*dir)
	if err != nil {
		fail(fmt.Sprintf("--dir %q: %v", *dir, err))
	}
	if err := os.MkdirAll(absDir, 0o755); err != nil {
		fail(fmt.Sprintf("cannot create data directory %q: %v", absDir, err))
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail(fmt.Sprintf("--log-level %q: expected debug, info, warn or error", *logLevel))
	}
	// Logs go to stderr so stdout carries only the READY line the caller waits for.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: fmt.Sprintf("%s:%d", *host, *port)},
		Logger:    logger,
		Handler:   "sqlite",
		// WAL is FerretDB's default; synchronous=NORMAL drops the fsync on every commit, which on WAL loses at most
		// the last transactions on a power cut (never on a crash of this process) and multiplies write throughput.
		// Right for the demo and the tests; production uses a real MongoDB.
		SQLiteURL: "file:" + absDir + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		fail(err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go indexIDs(ctx, absDir, logger)

	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.Run(ctx); err != nil {
			logger.Error("ferretdb stopped", "error", err)
		}
	}()

	// MongoDBURI waits until the listener is bound, so the port is known here even when 0 was asked for.
	fmt.Printf("READY %s\n", f.MongoDBURI())
	<-done
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "ferretdb: "+msg)
	os.Exit(2)
}
