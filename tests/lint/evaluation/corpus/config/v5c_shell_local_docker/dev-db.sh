#!/usr/bin/env bash
docker run -d --name dev-pg -e POSTGRES_PASSWORD=postgres -p 5432:5432 postgres:16
export DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev?sslmode=disable
psql "$DATABASE_URL" -c 'create database dev_test'
