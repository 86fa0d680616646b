#!/bin/bash
psql -d "dbname=app host=10.0.3.7 sslmode=require" -c 'select 1'
