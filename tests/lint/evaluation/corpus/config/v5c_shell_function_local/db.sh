#!/bin/bash
db() {
  local url="postgresql://postgres@localhost:5432/${1:-app}?sslmode=disable"
  psql "$url" "${@:2}"
}
