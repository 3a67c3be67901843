import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a token speaks for its user: Azure's Direct Line default; Web Chat refreshes well before. */
export const TOKEN_SECONDS = 30 * 60;

/** What a token says: the one conversation and the one user it speaks for, until when. */
export interface DirectLineClaims {
  conversationId: string;
  userId: string;
  userName?: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

const PREFIX = 'dl1';

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`${PREFIX}.${payload}`).digest('base64url');
}

/**
 * Direct Line tokens: the claims, signed with a key every desk of the store shares, so a token
 * made on one desk is good on all, and nobody can change the conversation or user it names.
 */
export class DirectLineTokens {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  /** A token for `userId` in `conversationId`, valid `TOKEN_SECONDS`. */
  issue(conversationId: string, userId: string, userName?: string): { token: string; expires_in: number } {
    const claims: DirectLineClaims = { conversationId, userId, ...(userName ? { userName } : {}), exp: Math.floor(this.now().getTime() / 1000) + TOKEN_SECONDS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${PREFIX}.${payload}.${sign(this.key, payload)}`, expires_in: TOKEN_SECONDS };
  }

  /** The claims of a token that is ours, intact and not expired; undefined otherwise. */
  verify(token: string): DirectLineClaims | undefined {
    const [prefix, payload, signature, ...rest] = token.split('.');
    if (prefix !== PREFIX || !payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(sign(this.key, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DirectLineClaims;
      if (typeof claims.conversationId !== 'string' || typeof claims.userId !== 'string' || typeof claims.exp !== 'number') return undefined;
      return claims.exp * 1000 > this.now().getTime() ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
