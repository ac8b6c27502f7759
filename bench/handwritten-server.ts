/**
 * The naive durable intake a user could write in an afternoon: `express.json()`, one
 * `INSERT … RETURNING id` of the row into PostgreSQL, then `queue.add` with that id as the job id.
 * No auth, no validation, no idempotency, no event. Prints its URL as one JSON line.
 */
import express from 'express';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

const schema = process.env.BENCH_SCHEMA ?? 'bench_handwritten';
const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 10 });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const queue = new Queue('submit', { connection: redis, prefix: process.env.QUEUE_PREFIX ?? 'handwritten' });

async function main(): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), job_name text NOT NULL, body jsonb NOT NULL, status text NOT NULL DEFAULT 'queued', created_at timestamptz NOT NULL DEFAULT now())`);
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/v1/jobs', async (req, res) => {
    const { rows } = await pool.query<{ id: string }>(`INSERT INTO "${schema}".jobs (job_name, body) VALUES ($1, $2) RETURNING id`, [
      req.body?.training_job?.job_name ?? '',
      req.body,
    ]);
    const id = rows[0]!.id;
    await queue.add('jobs.submit', { jobId: id }, { jobId: id });
    res.status(202).json({ id });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ msg: 'handwritten listening', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
    );
  });
  process.once('SIGTERM', () =>
    server.close(() => void Promise.all([queue.close(), pool.query(`DROP SCHEMA "${schema}" CASCADE`).then(() => pool.end())]).then(() => process.exit(0))),
  );
}

main().catch((err) => {
  process.stderr.write(`handwritten server failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
