import { JobgateError } from '@jobgate/errors';
import { badResponse, isWireObject, parseJsonBody } from '../wire';
import { sendRequest } from '../http-transport';
import { errorFromAnswer } from '../translate-error';
import type { AuthProvider, Clock, SignableRequest } from './auth-provider';

export interface TokenAuthOptions {
  /** IAM base URL, e.g. `https://iam.eu-de.otc.t-systems.com`. */
  iamEndpoint: string;
  /** IAM user name. */
  username: string;
  /** IAM user password; sent only to `iamEndpoint`. */
  password: string;
  /** The account (domain) the IAM user belongs to. */
  domainName: string;
  /** Project scope by name (the region, e.g. `eu-de`). ModelArts needs a project-scoped token: give this or `projectId`. */
  projectName?: string;
  /** Project scope by ID; wins over `projectName`. */
  projectId?: string;
  /** Fetch a new token this long before the current one expires. Default 5 minutes. */
  refreshBeforeMs?: number;
  /** Epoch-ms clock. Default: `Date.now`. */
  clock?: Clock;
  /** Timeout of the IAM request. Default 30_000. */
  timeoutMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/**
 * IAM password authentication (§5.1). Tokens live 24 h and fetching one does not revoke the others,
 * so one token is cached and shared; concurrent callers wait on a single IAM request.
 */
export class TokenAuth implements AuthProvider {
  private readonly clock: Clock;
  private cached: CachedToken | null = null;
  private inflight: Promise<CachedToken> | null = null;

  constructor(private readonly options: TokenAuthOptions) {
    if (!options.projectId && !options.projectName) {
      throw new JobgateError('TokenAuth needs projectId or projectName: ModelArts only accepts project-scoped tokens', {
        code: 'modelarts.invalid_options',
      });
    }
    this.clock = options.clock ?? Date.now;
  }

  async apply(req: SignableRequest): Promise<void> {
    req.headers['X-Auth-Token'] = await this.token();
  }

  invalidate(rejected?: SignableRequest): void {
    const rejectedToken = rejected?.headers['X-Auth-Token'];
    if (rejectedToken !== undefined && rejectedToken !== this.cached?.token) return;
    this.cached = null;
  }

  private async token(): Promise<string> {
    const cached = this.cached;
    if (cached && this.clock() < cached.refreshAt) return cached.token;
    try {
      return (await this.refresh()).token;
    } catch (err) {
      // An early refresh failing (IAM briefly down) must not fail calls while the old token still works.
      if (cached && cached === this.cached && this.clock() < cached.expiresAt) return cached.token;
      throw err;
    }
  }

  private refresh(): Promise<CachedToken> {
    this.inflight ??= this.fetchToken()
      .then((fresh) => (this.cached = fresh))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async fetchToken(): Promise<CachedToken> {
    const res = await sendRequest({
      method: 'POST',
      url: new URL(`${this.options.iamEndpoint.replace(/\/+$/, '')}/v3/auth/tokens`),
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: JSON.stringify(this.requestBody()),
      timeoutMs: this.options.timeoutMs ?? 30_000,
    });
    const nowMs = this.clock();
    const body = parseOrUndefined(res.text);
    if (res.status < 200 || res.status >= 300) {
      throw errorFromAnswer({ status: res.status, headers: res.headers, body }, { nowMs, fallbackCodePrefix: 'iam' });
    }
    const token = res.headers.get('x-subject-token');
    const lifetimeMs = tokenLifetimeMs(body, nowMs);
    if (!token || lifetimeMs === null) {
      throw badResponse({ what: 'IAM token response', httpStatus: res.status }, 'no X-Subject-Token or token.expires_at');
    }
    const expiresAt = nowMs + lifetimeMs;
    // Short-lived tokens (a simulator's) would otherwise be "due for refresh" as soon as they arrive.
    const marginMs = Math.min(this.options.refreshBeforeMs ?? 5 * 60_000, lifetimeMs / 2);
    return { token, expiresAt, refreshAt: expiresAt - marginMs };
  }

  private requestBody(): unknown {
    const { username, password, domainName, projectId, projectName } = this.options;
    return {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: username, password, domain: { name: domainName } } },
        },
        scope: { project: projectId ? { id: projectId } : { name: projectName } },
      },
    };
  }
}

/**
 * The token's validity span by IAM's own clock (`expires_at - issued_at`), applied to ours: a skewed
 * local clock then neither refreshes on every call nor keeps an expired token. Without `issued_at`
 * the span is measured from our clock. Null when `expires_at` is missing or unreadable.
 */
function tokenLifetimeMs(body: unknown, nowMs: number): number | null {
  const token = isWireObject(body) ? body.token : undefined;
  if (!isWireObject(token)) return null;
  const expiresAt = typeof token.expires_at === 'string' ? Date.parse(token.expires_at) : NaN;
  if (Number.isNaN(expiresAt)) return null;
  const issuedAt = typeof token.issued_at === 'string' ? Date.parse(token.issued_at) : NaN;
  return Math.max(0, expiresAt - (Number.isNaN(issuedAt) ? nowMs : issuedAt));
}

function parseOrUndefined(text: string): unknown {
  try {
    return parseJsonBody(text);
  } catch {
    return undefined;
  }
}
