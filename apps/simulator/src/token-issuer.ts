import { randomBytes } from 'node:crypto';
import { iamError, type WireError } from './wire-error';

/** The one IAM user the simulator knows. */
export interface IamUser {
  username: string;
  password: string;
  domainName: string;
  /** Token validity; default 24 h, as IAM documents (reference §5.1). */
  tokenTtlMs?: number;
}

export interface TokenIssuerOptions {
  projectId: string;
  /** Accepted user; when absent, `acceptAnyUser` decides. */
  iam?: IamUser;
  /** True when the simulator checks no auth at all, so any well-formed password request gets a token. */
  acceptAnyUser: boolean;
}

export type TokenCheck = 'valid' | 'expired' | 'unknown';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `POST /v3/auth/tokens` with the password method and a project scope, and checks of issued tokens. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly options: TokenIssuerOptions) {}

  issue(body: unknown, now: number, withCatalog: boolean): { ok: true; token: string; body: unknown } | { ok: false; error: WireError } {
    const request = readPasswordAuth(body);
    if (typeof request === 'string') return { ok: false, error: iamError(400, `The request body is invalid: ${request}`) };
    const { iam, acceptAnyUser, projectId } = this.options;
    const known = iam ? request.user === iam.username && request.password === iam.password && request.domain === iam.domainName : acceptAnyUser;
    if (!known) return { ok: false, error: iamError(401, 'The username or password is wrong.') };
    if (request.projectId !== undefined && request.projectId !== projectId) {
      return { ok: false, error: iamError(401, 'The request you have made requires authentication.') };
    }
    const token = `MIIsim${randomBytes(48).toString('base64url')}`;
    const expiresAt = now + (iam?.tokenTtlMs ?? DAY_MS);
    this.tokens.set(token, expiresAt);
    const domain = { id: 'sim-domain-id', name: request.domain };
    const project = { id: projectId, name: request.projectName ?? projectId, domain };
    const tokenBody = {
      expires_at: iamTime(expiresAt),
      issued_at: iamTime(now),
      methods: ['password'],
      ...(withCatalog ? { catalog: [] } : {}),
      project,
      roles: [{ id: 'sim-role-id', name: 'te_admin' }],
      user: { id: 'sim-user-id', name: request.user, domain, password_expires_at: '' },
    };
    return { ok: true, token, body: { token: tokenBody } };
  }

  check(token: string, now: number): TokenCheck {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'unknown';
    return now < expiresAt ? 'valid' : 'expired';
  }
}

/** IAM writes microseconds: `2020-01-04T09:05:22.701000Z`. */
function iamTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '000Z');
}

interface PasswordAuth {
  user: string;
  password: string;
  domain: string;
  projectId?: string;
  projectName?: string;
}

/** The body shape of reference §5.1, or a description of what is wrong with it. */
function readPasswordAuth(body: unknown): PasswordAuth | string {
  const auth = field(body, 'auth');
  const identity = field(auth, 'identity');
  const methods = field(identity, 'methods');
  if (!Array.isArray(methods) || !methods.includes('password')) return 'auth.identity.methods must include "password"';
  const user = field(field(identity, 'password'), 'user');
  const name = field(user, 'name');
  const password = field(user, 'password');
  const domain = field(field(user, 'domain'), 'name');
  if (typeof name !== 'string' || typeof password !== 'string' || typeof domain !== 'string') {
    return 'auth.identity.password.user needs name, password and domain.name';
  }
  const project = field(field(auth, 'scope'), 'project');
  const projectId = field(project, 'id');
  const projectName = field(project, 'name');
  if (typeof projectId !== 'string' && typeof projectName !== 'string') {
    return 'auth.scope.project needs a name or an id (ModelArts needs a project-scoped token)';
  }
  return {
    user: name,
    password,
    domain,
    projectId: typeof projectId === 'string' ? projectId : undefined,
    projectName: typeof projectName === 'string' ? projectName : undefined,
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
