#!/bin/bash
env PGSSLMODE=disable PGHOST=db.example.com psql -f report.sql
