#!/usr/bin/env bash
set -e
PGSSLMODE=require python manage.py migrate
