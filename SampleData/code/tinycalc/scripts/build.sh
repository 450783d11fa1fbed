#!/bin/sh
# Builds every part of tinycalc.
set -e
cargo build --release
go build -o bin/calc ./src
