#!/usr/bin/env bash
# Instructions a benchmark's op executes, counted by valgrind's callgrind with
# the collector off: the same count run after run, whatever else the machine
# does (this VM's timings move by a half from one minute to the next).
#
#   bench/instructions.sh TESTBINARY BENCH [OPS] [DIR]
#
# TESTBINARY is built by `go test -c`; BENCH a benchmark's name without
# "Benchmark" (Parse, Ceiling); OPS the ops counted (default 5), the one op
# of a run of 1 subtracted so that setup is not counted; DIR where the binary
# runs (its testdata/posts is the corpus). Needs valgrind (Debian's package).
set -euo pipefail
bin=$(realpath "$1"); bench=$2; n=${3:-5}
cd "${4:-.}"
count() { # ops: the instructions of a run of that many
  for _ in 1 2 3 4 5 6; do
    # valgrind cannot decode an instruction the Go runtime uses on a rare
    # path (rdtscp): such a run dies, and is run again
    out=$(GODEBUG=asyncpreemptoff=1 GOGC=off valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$bin" -test.run '^$' -test.bench "^Benchmark$bench\$" -test.cpu 1 -test.benchtime "${1}x" 2>&1) || true
    if grep -q 'ns/op' <<<"$out"; then grep -o 'Collected : [0-9]*' <<<"$out" | grep -o '[0-9]*'; return; fi
  done
  echo "valgrind failed six times" >&2
  exit 1
}
a=$(count 1)
b=$(count $((n + 1)))
echo "$bench $(((b - a) / n)) instructions/op"
