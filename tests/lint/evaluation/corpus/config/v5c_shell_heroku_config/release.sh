#!/usr/bin/env bash
heroku config:set PGSSLMODE=require --app example-api
DATABASE_URL=$(heroku config:get DATABASE_URL --app example-api)?sslmode=require
export DATABASE_URL
