#!/usr/bin/env bash
# `npm run setup`: install, generate the Prisma clients, migrate the SQLite database,
# seed the first administrator, config version 1 and the sample bundle, build, and start the app.
# Run it again at any time: each step is idempotent. PORT (default 3000) picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing dependencies (npm ci; better-sqlite3 compiles, about a minute)"
  npm ci --no-audit --no-fund
fi
[ -f lib/db/generated/kysely/types.ts ] || npm run --silent prisma:generate

echo "› migrating the database"
npx tsx scripts/migrate.ts
echo "› seeding the administrator and sample data"
npx tsx scripts/seed.ts
echo "› building the web app"
npx next build >/tmp/planning-hub-build.log 2>&1 || { cat /tmp/planning-hub-build.log; exit 1; }

port=${PORT:-3000}
echo "› Planning Hub is starting on http://localhost:${port}/ui/plans/input_sets (Ctrl-C stops it)"
exec npx next start -p "$port"
