/** What `npm start` asks its services supervisor to run (services-supervisor.ts). */
export interface StartMessage {
  type: 'start';
  logLevel: string;
  redis?: { binary: string; port: number; dir: string };
  postgres?: { port: number; dir: string };
}

export interface StopMessage {
  type: 'stop';
}

export type SupervisorReply = { type: 'ready'; redisUrl?: string; databaseUrl?: string } | { type: 'failed'; message: string };
