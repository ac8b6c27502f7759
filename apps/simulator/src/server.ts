import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type SimCall } from './call-log';
import { handleControl } from './control.routes';
import { FaultInjector, type FaultConfig } from './faults';
import { createGateway } from './gateway';
import { errorReply, sendJson, writeReply } from './reply';
import { parseJsonBody, readBody, splitTarget } from './request-body';
import { matchRoute } from './route-table';
import { JobStore, type SimJob } from './state';
import { DEFAULT_TIMELINE, type Timeline } from './timeline';
import { TokenIssuer, type IamUser } from './token-issuer';
import { Trainer, type TrainingOptions } from './trainer';
import { apigError, modelartsError } from './wire-error';

export interface SimulatorOptions {
  /** The only project id accepted in paths; default `sim-project`. */
  projectId?: string;
  /** Accept AK/SK-signed requests made with these. */
  credentials?: { ak: string; sk: string };
  /** Accept tokens issued by `POST /v3/auth/tokens` for this user. */
  iam?: IamUser;
  /** Phase durations; default INIT 200, WAITING 300, RUNNING 1000 ms; KILLING 200 ms after a stop. */
  timeline?: Partial<Timeline>;
  /** Lines each log file gets over a version's full RUNNING phase; default 120. */
  logLines?: number;
  /** Faults active from the start; default none. */
  faults?: Partial<FaultConfig>;
  /** Epoch ms; default Date.now. Statuses, token expiry and X-Sdk-Date checks all read it. */
  clock?: () => number;
  /** Jobs with a jobgate report URL and token in `config.parameter` report a learning curve; default off. */
  training?: TrainingOptions;
}

export interface Simulator {
  /** Resolves the base URL, e.g. `http://127.0.0.1:8900`. Defaults: port 0 (any free one), host 127.0.0.1. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Base URL once listening; empty before. */
  readonly url: string;
  /** Replaces the whole fault configuration (same as `PUT /__sim/faults`). */
  setFaults(faults: Partial<FaultConfig>): void;
  /** Clears jobs, calls and faults; ids start over. Issued tokens stay valid. */
  reset(): void;
  /** Every ModelArts and IAM request seen, in arrival order. */
  calls(): SimCall[];
  /** Every job created since the last reset, deleted ones included, with status history. */
  jobs(): SimJob[];
}

/**
 * A ModelArts v1 + IAM look-alike that speaks only the wire protocol. Without `credentials` and
 * `iam`, auth is not checked and any well-formed IAM password request gets a token.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.clock ?? Date.now;
  const projectId = options.projectId ?? 'sim-project';
  const authRequired = Boolean(options.credentials || options.iam);
  const trainer = options.training ? new Trainer(options.training, clock) : null;
  const timeline = { ...DEFAULT_TIMELINE, ...options.timeline };
  const store = new JobStore(timeline, trainer ? { created: (version) => trainer.started(version), stopped: (version) => trainer.stopped(version) } : {});
  const calls = new CallLog();
  const faults = new FaultInjector(options.faults, clock);
  const tokens = new TokenIssuer({ projectId, iam: options.iam, acceptAnyUser: !authRequired });
  const logPace = { perRun: options.logLines ?? 120, runningMs: timeline.runningMs };
  const gateway = createGateway({ projectId, authRequired, credentials: options.credentials, store, faults, tokens, clock, logPace });
  const reset = (): void => {
    trainer?.clear();
    store.clear();
    calls.clear();
    faults.replace({});
  };
  let url = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path, query] = splitTarget(req.url ?? '/');
    const method = req.method ?? 'GET';
    const { raw, tooLarge } = await readBody(req);
    if (path === '/__sim' || path.startsWith('/__sim/')) {
      const reply = handleControl(method, path, parseJsonBody(raw), { store, calls, faults, now: clock(), reset });
      return sendJson(res, reply.status, reply.body);
    }
    const route = matchRoute(method, path);
    const call = calls.start({ at: clock(), op: route.op, method, path, ...(query ? { query } : {}) });
    if (Number.isFinite(route.jobId)) call.job_id = route.jobId;
    const body = parseJsonBody(raw);
    // Recorded before any fault fires, so tests can see every name a client tried, refused or not.
    const sentName = route.op === 'create' && typeof body === 'object' && body !== null ? (body as Record<string, unknown>).job_name : undefined;
    if (typeof sentName === 'string') call.job_name = sentName;
    const reply = tooLarge ? errorReply(apigError(413, 'APIG.0201', 'Request entity too large')) : await gateway({ req, route, path, query, raw, body, call });
    // A drop leaves status 0: the client never learns whether its create went through.
    if (reply.kind === 'drop') return void req.socket.destroy();
    if (reply.kind === 'error') call.error_code = reply.error.code;
    call.status = writeReply(res, reply, `${call.seq.toString(16).padStart(8, '0')}-${call.at}-jobgate-simulator`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) writeReply(res, errorReply(modelartsError(500, 'ModelArts.0010', `Simulator error: ${String(err)}`)), 'simulator-error');
    });
  });

  return {
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((url = baseUrl(server.address() as AddressInfo, host)));
        });
      }),
    close: () =>
      new Promise((resolve) => {
        trainer?.clear();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // fetch keeps sockets alive in its pool; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
    get url() {
      return url;
    },
    setFaults: (f) => faults.replace(f),
    reset,
    calls: () => calls.list(),
    jobs: () => store.snapshot(clock()),
  };
}

/** A wildcard bind is reachable on loopback, which is what a URL for clients should name. */
function baseUrl(address: AddressInfo, host: string): string {
  if (host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${address.port}`;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}`;
}
