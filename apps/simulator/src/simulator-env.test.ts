import { readSimulatorEnv } from './simulator-env';

describe('readSimulatorEnv', () => {
  it('defaults to port 8900 on loopback with no auth, the default project and no faults', () => {
    expect(readSimulatorEnv({})).toEqual({ ok: true, config: { port: 8900, host: '127.0.0.1', options: {} } });
  });

  it('reads the project, AK/SK, IAM user, timeline, log lines and faults', () => {
    const result = readSimulatorEnv({
      SIM_PORT: '9100',
      SIM_PROJECT_ID: 'p1',
      SIM_AK: 'AK',
      SIM_SK: 'SK',
      SIM_IAM_USER: 'u',
      SIM_IAM_PASSWORD: 'pw',
      SIM_IAM_DOMAIN: 'd',
      SIM_IAM_TOKEN_TTL_MS: '5000',
      SIM_INIT_MS: '10',
      SIM_WAITING_MS: '20',
      SIM_RUNNING_MS: '30',
      SIM_KILL_MS: '40',
      SIM_LOG_LINES: '600',
      SIM_FAULTS: '{"latencyMs":5,"errorRates":{"create":{"503":0.1}}}',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        port: 9100,
        host: '127.0.0.1',
        options: {
          projectId: 'p1',
          credentials: { ak: 'AK', sk: 'SK' },
          iam: { username: 'u', password: 'pw', domainName: 'd', tokenTtlMs: 5000 },
          timeline: { initMs: 10, waitingMs: 20, runningMs: 30, killMs: 40 },
          logLines: 600,
          faults: { latencyMs: 5, errorRates: { create: { 503: 0.1 } } },
        },
      },
    });
  });

  it('lists every problem at once by variable name and never echoes a value', () => {
    const result = readSimulatorEnv({
      SIM_PORT: 'eighty',
      SIM_SK: 'super-secret-sk',
      SIM_IAM_PASSWORD: 'hunter2',
      SIM_RUNNING_MS: '-1',
      SIM_FAULTS: '{"latencySpikeRate":7}',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    for (const name of ['SIM_PORT', 'SIM_AK', 'SIM_IAM_USER', 'SIM_IAM_DOMAIN', 'SIM_RUNNING_MS', 'SIM_FAULTS: latencySpikeRate']) expect(text).toContain(name);
    expect(text).not.toMatch(/super-secret-sk|hunter2/);
  });
});
