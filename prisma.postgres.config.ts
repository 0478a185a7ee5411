import { defineConfig } from 'prisma/config'

// Read only by `prisma generate` here; migrations are applied by `npm run db:migrate`.
export default defineConfig({
  schema: 'prisma/postgres',
  migrations: { path: 'prisma/postgres/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/planning_hub' },
})
