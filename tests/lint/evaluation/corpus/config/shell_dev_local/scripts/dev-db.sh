#!/usr/bin/env bash
docker compose up -d postgres
psql postgresql://postgres:postgres@localhost:5432/postgres -c "create database app"
