// Copyright 2023 The Logship Authors
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// Command logship follows one or more log files and forwards new lines to an
// HTTP collector in batches.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/quarry-tools/logship/internal/backoff"
	"github.com/quarry-tools/logship/internal/shipper"
)

var (
	version = "dev"
	commit  = "none"
)

func main() {
	var (
		endpoint    = flag.String("endpoint", "http://localhost:9880/ingest", "collector URL")
		batchSize   = flag.Int("batch", 500, "maximum lines per request")
		interval    = flag.Duration("flush", 2*time.Second, "flush interval")
		files       = flag.String("files", "", "comma-separated list of files to follow")
		showVersion = flag.Bool("version", false, "print the version and exit")
	)
	flag.Parse()

	if *showVersion {
		fmt.Printf("logship %s (%s)\n", version, commit)
		return
	}
	if *files == "" {
		fmt.Fprintln(os.Stderr, "logship: -files is required")
		flag.Usage()
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	s := shipper.New(shipper.Config{
		Endpoint:  *endpoint,
		BatchSize: *batchSize,
		Interval:  *interval,
		Retry:     backoff.New(200*time.Millisecond, 30*time.Second),
	})

	for _, path := range strings.Split(*files, ",") {
		path = strings.TrimSpace(path)
		if path == "" {
			continue
		}
		if err := s.Follow(ctx, path); err != nil {
			log.Fatalf("logship: follow %s: %v", path, err)
		}
	}

	log.Printf("logship %s: shipping to %s", version, *endpoint)
	if err := s.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatalf("logship: %v", err)
	}
	log.Print("logship: shutting down")
}
