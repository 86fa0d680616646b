#!/bin/bash
docker run --rm \
  -e DATABASE_URL="postgres://app:pw@db.example.com:5432/app?sslmode=require" \
  -p 8000:8000 example/api
