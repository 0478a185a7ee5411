import { defineConfig } from 'prisma/config'

// Read only by `prisma generate` here; migrations are applied by `npm run db:migrate`.
export default defineConfig({
  schema: 'prisma/sqlite',
  migrations: { path: 'prisma/sqlite/migrations' },
  datasource: { url: process.env.SQLITE_URL ?? 'file:./data/planning-hub.db' },
})
