import { resetPostgres } from "./reset-postgres";

// PostgreSQL runs start from an empty, migrated schema; PGlite runs are in memory anyway.
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (url) await resetPostgres(url);
}
