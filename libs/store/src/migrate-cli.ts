/** `npm run migrate`: applies pending migrations using DATABASE_URL / DATABASE_SCHEMA. */
import { createPool } from './create-pool';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const schema = process.env.DATABASE_SCHEMA ?? 'jobgate';
  const pool = createPool({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
  try {
    const applied = await migrate(pool, schema);
    process.stdout.write(`${JSON.stringify({ msg: 'migrations applied', schema, applied })}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`migration failed: ${err.message}\n`);
  process.exit(1);
});
