# Quick start: `make run` (trainer) and `make test` (all tests). Both install what is missing first.
SWIFT ?= swift
BIN_DEBUG = .build/debug/aftersales

.PHONY: run test build setup setup-tests lint clean fuzz bench

run: setup
	@$(SWIFT) build -c release --product aftersales
	@exec .build/release/aftersales

build: setup
	$(SWIFT) build

test: setup-tests
	$(SWIFT) build
	$(SWIFT) test --disable-xctest
	AFTERSALES_BIN=$(BIN_DEBUG) bash Tests/terminal/tmux-repl.sh
	AFTERSALES_BIN=$(BIN_DEBUG) bash Tests/exams/html-report.sh
	bash Tests/reliability/run-progress.sh
	bash Fuzz/run.sh 60

# Release-build figures (Benchmarks/README.md).
bench: setup
	bash Benchmarks/bench.sh

# Longer fuzzing sessions (see Fuzz/README.md): FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 1800
fuzz:
	bash Fuzz/run.sh $(FUZZ_SECONDS)

lint: build
	$(BIN_DEBUG) lint

setup:
	@bash scripts/setup.sh

setup-tests:
	@bash scripts/setup.sh --tests

clean:
	rm -rf .build
