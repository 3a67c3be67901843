/**
 * Azure AD tenants whose Emulator and skill tokens botframework-connector already trusts (its
 * `ToBotFromBotOrEmulatorTokenValidationParameters`: Bot Framework, Microsoft services, US
 * government). A token naming another tenant makes the library add that tenant's issuers to a
 * process-wide list before any signature check, never to remove them: unauthenticated requests
 * could grow it without end, and then any tenant's issuer passes the issuer check.
 */
const KNOWN_TENANTS = new Set([
  'd6d49420-f39b-4df7-a1dc-d59a935871db',
  'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'cab8a31a-1906-4287-a0d8-4eef66b95f6e',
]);

/** Longest Authorization header read: a Bot Framework token is 1-2 KB. */
const MAX_TOKEN_CHARS = 16_384;

function payloadOf(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * App-id mode: refuses, before botframework-connector sees it, a token the library would mishandle
 * (see `KNOWN_TENANTS`) or accept though it should not: one without an expiry (the library's JWT
 * check lets a token with no `exp` live forever). Only refuses; every other check is the
 * library's. Returns the reason, or undefined to go on.
 */
export function precheckToken(authorization: string, appTenantId: string | undefined): string | undefined {
  if (authorization.length > MAX_TOKEN_CHARS) return 'the Authorization header is too long to be a token';
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match) return undefined; // not a JWT: the library refuses it with its own reason
  const payload = payloadOf(match[1]!);
  if (!payload) return 'the token is not a JWT';
  if (typeof payload.exp !== 'number') return 'the token has no expiry (exp)';
  const tid = payload.tid;
  if (tid !== undefined && !(typeof tid === 'string' && (KNOWN_TENANTS.has(tid) || tid === appTenantId))) {
    return 'the token names an Azure AD tenant that is neither Bot Framework nor this app\'s';
  }
  return undefined;
}
