import type { CallLog } from './call-log';
import { parseFaultConfig, type FaultInjector } from './faults';
import type { JobStore } from './state';

export interface ControlContext {
  store: JobStore;
  calls: CallLog;
  faults: FaultInjector;
  now: number;
  reset(): void;
}

/** A control answer: JSON body, or none (204). */
export interface ControlReply {
  status: number;
  body?: unknown;
}

/**
 * Test hooks under `/__sim`: calls, jobs, faults, reset, stats, pinning a version's status
 * (`POST /__sim/jobs/{id}[/versions/{vid}]/status`) and clearing a version's logs
 * (`POST /__sim/jobs/{id}/versions/{vid}/clear-logs`, then ModelArts.2819). They need no auth and
 * are never recorded in the call log, so a test reading `/__sim/calls` sees only what the code under
 * test sent.
 */
export function handleControl(method: string, path: string, body: unknown, ctx: ControlContext): ControlReply {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /__sim/calls':
      return { status: 200, body: ctx.calls.list() };
    case 'DELETE /__sim/calls':
      ctx.calls.clear();
      return { status: 204 };
    case 'GET /__sim/jobs':
      return { status: 200, body: ctx.store.snapshot(ctx.now) };
    case 'GET /__sim/faults':
      return { status: 200, body: ctx.faults.current() };
    case 'PUT /__sim/faults':
      return putFaults(body, ctx);
    case 'POST /__sim/reset':
      ctx.reset();
      return { status: 204 };
    case 'GET /__sim/stats':
      return { status: 200, body: ctx.calls.stats(ctx.store.activeCount(ctx.now)) };
  }
  const pin = /^POST \/__sim\/jobs\/(\d+)(?:\/versions\/(\d+))?\/status$/.exec(route);
  if (pin) return pinStatus(Number(pin[1]), pin[2] === undefined ? undefined : Number(pin[2]), body, ctx);
  const clear = /^POST \/__sim\/jobs\/(\d+)\/versions\/(\d+)\/clear-logs$/.exec(route);
  if (clear) {
    if (!ctx.store.clearLogs(Number(clear[1]), Number(clear[2]))) return { status: 404, body: { error: `no version ${clear[2]} of job ${clear[1]}` } };
    return { status: 204 };
  }
  return { status: 404, body: { error: `unknown control endpoint ${route}` } };
}

function putFaults(body: unknown, ctx: ControlContext): ControlReply {
  const parsed = parseFaultConfig(body);
  if (!parsed.ok) return { status: 400, body: { error: 'invalid faults', problems: parsed.problems } };
  ctx.faults.replace(parsed.faults);
  return { status: 200, body: ctx.faults.current() };
}

/** Pins a job's latest version, or the version named (deleted jobs too), to a status from now on. */
function pinStatus(jobId: number, versionId: number | undefined, body: unknown, ctx: ControlContext): ControlReply {
  const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).status : undefined;
  if (!Number.isInteger(status) || (status as number) < 0) return { status: 400, body: { error: 'body must be {"status": <integer>}' } };
  if (!ctx.store.pin(jobId, status as number, ctx.now, versionId))
    return { status: 404, body: { error: `no job ${jobId}${versionId === undefined ? '' : ` version ${versionId}`}` } };
  return { status: 200, body: ctx.store.describe(jobId, ctx.now) };
}
