import { defineConfig } from "drizzle-kit";

// Used only to generate migrations (`npm run db:generate`); applying them is db/migrate.ts's job.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
