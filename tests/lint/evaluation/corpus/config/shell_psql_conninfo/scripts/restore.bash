#!/usr/bin/env bash
set -euo pipefail
psql "sslmode=require host=db.example.com dbname=app user=restore" -f "$1"
