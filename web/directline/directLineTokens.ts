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

/** The JWT header of every token: HMAC-SHA256, as Azure's Direct Line tokens are JWTs too. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const ISSUER = 'aftersales-desk/directline';

/** The claims as the token carries them: Azure's names (`conv`, `user`), which Web Chat reads to learn its user id. */
interface WireClaims {
  iss: string;
  conv: string;
  user: string;
  name?: string;
  exp: number;
}

function sign(key: Buffer, signed: string): string {
  return createHmac('sha256', key).update(signed).digest('base64url');
}

/**
 * Direct Line tokens: JWTs (HS256) naming one conversation and one user, signed with a key every
 * desk of the store shares, so a token made on one desk is good on all, and nobody can change
 * the conversation or user it names. Web Chat reads the `user` claim and speaks as that user.
 */
export class DirectLineTokens {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => Date,
  ) {}

  /** A token for `userId` in `conversationId`, valid `TOKEN_SECONDS`. */
  issue(conversationId: string, userId: string, userName?: string): { token: string; expires_in: number } {
    const claims: WireClaims = { iss: ISSUER, conv: conversationId, user: userId, ...(userName ? { name: userName } : {}), exp: Math.floor(this.now().getTime() / 1000) + TOKEN_SECONDS };
    const signed = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${signed}.${sign(this.key, signed)}`, expires_in: TOKEN_SECONDS };
  }

  /** The claims of a token that is ours, intact and not expired; undefined otherwise. */
  verify(token: string): DirectLineClaims | undefined {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header !== HEADER || !payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(sign(this.key, `${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as WireClaims;
      if (c.iss !== ISSUER || typeof c.conv !== 'string' || typeof c.user !== 'string' || typeof c.exp !== 'number') return undefined;
      if (c.exp * 1000 <= this.now().getTime()) return undefined;
      return { conversationId: c.conv, userId: c.user, ...(typeof c.name === 'string' ? { userName: c.name } : {}), exp: c.exp };
    } catch {
      return undefined;
    }
  }
}
