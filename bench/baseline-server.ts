/**
 * The floor any BullMQ intake pays: a bare Express 5 route that parses JSON and calls queue.add on
 * the same Redis. No validation, no database, no auth. Prints its URL as one JSON line.
 */
import express from 'express';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const queue = new Queue('submit', { connection: redis, prefix: process.env.QUEUE_PREFIX ?? 'baseline' });
const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/v1/jobs', async (req, res) => {
  const job = await queue.add('jobs.submit', req.body);
  res.status(202).json({ id: job.id });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ msg: 'baseline listening', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` })}\n`,
  );
});
process.once('SIGTERM', () => server.close(() => void queue.close().then(() => process.exit(0))));
