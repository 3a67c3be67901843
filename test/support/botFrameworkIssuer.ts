import { createHmac, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/** RSA key size of the test keys: Microsoft's signing keys are 2048-bit, and so are these. */
const RSA_MODULUS_BITS = 2048;

/** Where an OpenID provider publishes its metadata (the path Azure AD uses; the library takes any URL). */
const METADATA_PATH = '/.well-known/openid-configuration';

/** Where this provider publishes its keys; the metadata's `jwks_uri` points here. */
const KEYS_PATH = '/keys';

const newKeyPair = promisify(generateKeyPair);

/** An RSA key pair made for one test run. */
export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A fresh RSA key pair, so that tokens a test signs can only be verified with keys it published itself. */
export async function newRsaKeyPair(): Promise<RsaKeyPair> {
  return newKeyPair('rsa', { modulusLength: RSA_MODULUS_BITS });
}

/** A published signing key: its id, the key pair, and the channels it is endorsed for (as in Microsoft's JWKS). */
export interface PublishedKey extends RsaKeyPair {
  kid: string;
  endorsements: string[] | undefined;
}

/** JWT claims or header fields; `undefined` values are left out of the token. */
export type JwtFields = Record<string, unknown>;

function base64urlJson(fields: JwtFields): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** Signs a JWT with RS256 (RSASSA-PKCS1-v1_5 with SHA-256), the algorithm Bot Framework tokens use, without a JWT library. */
export function signRs256(header: JwtFields, payload: JwtFields, privateKey: KeyObject): string {
  const signingInput = `${base64urlJson({ typ: 'JWT', ...header, alg: 'RS256' })}.${base64urlJson(payload)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
}

/** A JWT with `alg: none` and an empty signature: what a forger sends hoping the verifier skips the signature. */
export function unsignedJwt(header: JwtFields, payload: JwtFields): string {
  return `${base64urlJson({ typ: 'JWT', ...header, alg: 'none' })}.${base64urlJson(payload)}.`;
}

/**
 * A JWT "signed" with HS256 using the issuer's public key (PEM) as the HMAC secret: the classic
 * algorithm-confusion forgery against verifiers that pick the algorithm from the token.
 */
export function hs256WithPublicKey(header: JwtFields, payload: JwtFields, publicKey: KeyObject): string {
  const signingInput = `${base64urlJson({ typ: 'JWT', ...header, alg: 'HS256' })}.${base64urlJson(payload)}`;
  const secret = publicKey.export({ type: 'spki', format: 'pem' });
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** Replaces a signed token's payload and keeps its signature: a token tampered with after signing. */
export function withPayload(token: string, payload: JwtFields): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64urlJson(payload)}.${signature}`;
}

/**
 * A local OpenID provider standing in for Microsoft's token services (login.botframework.com for
 * channels, Azure AD for the Emulator): it serves the OpenID metadata and the JWKS on 127.0.0.1,
 * in the shape botframework-connector reads (`jwks_uri`; keys with `kid`, `n`, `e` and
 * `endorsements`), and signs tokens with its own keys. Point the desk's
 * `ToBotFrom…OpenIdMetadataUrl` at `metadataUrl` and the desk trusts exactly these keys.
 */
export class OpenIdIssuer {
  /** The paths requested from this provider, in order: tests see that the desk fetched its keys here. */
  readonly requests: string[] = [];
  private readonly keys = new Map<string, PublishedKey>();
  private server!: http.Server;
  /** `http://127.0.0.1:PORT`; also usable as a token issuer name. */
  base = '';

  private constructor() {}

  /** Starts the provider on a free port with a fresh key pair for each key id. */
  static async start(keys: { kid: string; endorsements?: string[] }[]): Promise<OpenIdIssuer> {
    const issuer = new OpenIdIssuer();
    for (const { kid, endorsements } of keys) issuer.keys.set(kid, { kid, endorsements, ...(await newRsaKeyPair()) });
    issuer.server = http.createServer((req, res) => issuer.handle(req, res));
    await new Promise<void>((resolve) => issuer.server.listen(0, '127.0.0.1', resolve));
    issuer.base = `http://127.0.0.1:${(issuer.server.address() as AddressInfo).port}`;
    return issuer;
  }

  /** The OpenID metadata document's URL, for `ToBotFromChannelOpenIdMetadataUrl` / `ToBotFromEmulatorOpenIdMetadataUrl`. */
  get metadataUrl(): string {
    return `${this.base}${METADATA_PATH}`;
  }

  /** A published key by id. */
  key(kid: string): PublishedKey {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`OpenIdIssuer: no key "${kid}"`);
    return key;
  }

  /** Signs `payload` with the published key `kid` (RS256, `kid` in the header). */
  sign(kid: string, payload: JwtFields): string {
    return signRs256({ kid }, payload, this.key(kid).privateKey);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push(req.url ?? '');
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === METADATA_PATH) {
      return json({
        issuer: this.base,
        jwks_uri: `${this.base}${KEYS_PATH}`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && req.url === KEYS_PATH) {
      return json({
        keys: [...this.keys.values()].map(({ kid, publicKey, endorsements }) => {
          const { n, e } = publicKey.export({ format: 'jwk' });
          return { kty: 'RSA', use: 'sig', kid, n, e, ...(endorsements ? { endorsements } : {}) };
        }),
      });
    }
    res.writeHead(404).end();
  }

  /** Stops the provider's server. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
