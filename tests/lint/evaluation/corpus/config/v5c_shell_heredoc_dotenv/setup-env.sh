#!/usr/bin/env bash
cat > .env <<EOF
DATABASE_URL=postgres://app:${PASSWORD}@db.example.com:5432/app?sslmode=require
SECRET_KEY=$(openssl rand -hex 32)
EOF
