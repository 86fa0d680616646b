#!/bin/bash
# Local development against the shared Neon branch
echo "DATABASE_URL=postgresql://dev:pw@ep-shy-leaf-4.us-east-2.aws.neon.tech/neondb?sslmode=require" >> .env.local
npm run dev
