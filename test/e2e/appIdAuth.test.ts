import { createRequire } from 'node:module';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CLOUD_AUTHENTICATION, type OutgoingCredentialsFactory } from '../../bot/adapter.js';
import { ConfigError, loadConfig } from '../../bot/config.js';
import type { Desk } from '../../app/desk.js';
import { BotFrameworkChannel, type AuthorizedReply } from '../support/botFrameworkChannel.js';
import {
  OpenIdIssuer,
  hs256WithPublicKey,
  newRsaKeyPair,
  signRs256,
  unsignedJwt,
  withPayload,
  type JwtFields,
  type RsaKeyPair,
} from '../support/botFrameworkIssuer.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { KeywordRecognizer } from '../support/keywordRecognizer.js';
import { everythingStored } from '../support/storedData.js';

/** The bot's app id here: any GUID, since tokens only have to name it. */
const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
/** Another bot's app id: a token naming it was made for someone else. */
const OTHER_APP_ID = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
/** What the test's outgoing credentials put on the bot's replies, where Azure AD would give the bot a token. */
const BOT_TOKEN = 'token-the-test-gave-the-bot-for-its-replies';
/** Microsoft's channel token issuer, which the desk keeps when only the metadata URLs are configured. */
const CHANNEL_ISSUER = 'https://api.botframework.com';
/** The Bot Framework's Azure AD tenant: botframework-connector takes its issuers as the Emulator's. */
const BOT_FRAMEWORK_TENANT = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
/** The issuer of Emulator tokens of version 1.0 (Azure AD v1 endpoint). */
const EMULATOR_ISSUER_V1 = `https://sts.windows.net/${BOT_FRAMEWORK_TENANT}/`;
/** The issuer of Emulator tokens of version 2.0 (Azure AD v2 endpoint). */
const EMULATOR_ISSUER_V2 = `https://login.microsoftonline.com/${BOT_FRAMEWORK_TENANT}/v2.0`;
/** The channel of these tests; the channel key is endorsed for it, as Microsoft's keys are for theirs. */
const CHANNEL_ID = 'webchat';
/** An hour in JWT time units: well past botframework-connector's 5-minute clock tolerance. */
const HOUR = 3600;
/** The channel key's id in the channel JWKS. */
const CHANNEL_KID = 'channel-key';
/** A channel key endorsed only for Teams: valid, but not for activities of CHANNEL_ID. */
const TEAMS_ONLY_KID = 'teams-only-key';
/** The Emulator key's id in the Emulator JWKS (Azure AD's keys carry no endorsements). */
const EMULATOR_KID = 'emulator-key';
/** A buyer of the demo shop: what is processed for them shows up in the transcript and the state. */
const USER_ID = 'b-en-01';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** One `warn` line of the desk's log: the server names the reason of every refusal. */
interface LogLine {
  msg: string;
  conversationId?: string;
  reason?: string;
}

/** What the bot asked the outgoing credentials for: whose token, for whom, from where. */
interface CredentialRequest {
  appId: string;
  audience: string | undefined;
  loginEndpoint: string;
}

/** The request `signRequest` gets (azure core-http's WebResourceLike, reached through the factory's type). */
type OutgoingRequest = Parameters<Awaited<ReturnType<OutgoingCredentialsFactory['createCredentials']>>['signRequest']>[0];

/**
 * The one substituted part: Azure AD does not run here, so the bot's own token for its replies
 * comes from the test. Its app-id checks answer "yes" to everything on purpose: the desk must not
 * consult them (the configured app id decides which tokens are accepted), and the wrong-audience
 * cases below would be accepted if it did.
 */
function testCredentials(requests: CredentialRequest[]): OutgoingCredentialsFactory {
  return {
    isValidAppId: async () => true,
    isAuthenticationDisabled: async () => true,
    createCredentials: async (appId, audience, loginEndpoint) => {
      requests.push({ appId, audience, loginEndpoint });
      return {
        signRequest: async (request: OutgoingRequest) => {
          request.headers.set('authorization', `Bearer ${BOT_TOKEN}`);
          return request;
        },
      };
    },
  };
}

/** A pino logger that keeps the desk's warnings, so a test can check why a request was refused. */
function capturingLogger(lines: LogLine[]): pino.Logger {
  return pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

/** Everything the desk wrote down: the transcript and event files (flushed) and the state document. */
async function deskRecords(desk: Desk): Promise<string> {
  return everythingStored(desk);
}

let channelKeys: OpenIdIssuer;
let emulatorKeys: OpenIdIssuer;
let rogue: RsaKeyPair;
let secured: Harness;
let channel: BotFrameworkChannel;
const logLines: LogLine[] = [];
const credentialRequests: CredentialRequest[] = [];

beforeAll(async () => {
  [channelKeys, emulatorKeys, rogue] = await Promise.all([
    OpenIdIssuer.start([
      { kid: CHANNEL_KID, endorsements: [CHANNEL_ID, 'msteams', 'directline'] },
      { kid: TEAMS_ONLY_KID, endorsements: ['msteams'] },
    ]),
    OpenIdIssuer.start([{ kid: EMULATOR_KID }]),
    newRsaKeyPair(),
  ]);
  secured = await startHarness(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'never-used: replies get their token from the test',
      ToBotFromChannelOpenIdMetadataUrl: channelKeys.metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: emulatorKeys.metadataUrl,
    },
    { recognizer: new KeywordRecognizer(), outgoingCredentials: testCredentials(credentialRequests), logger: capturingLogger(logLines) },
  );
  channel = await BotFrameworkChannel.start({ endpoint: secured.desk.endpoint, channelId: CHANNEL_ID, requiredAuthorization: `Bearer ${BOT_TOKEN}` });
});

afterAll(async () => {
  await channel?.close();
  await secured?.close();
  await channelKeys?.close();
  await emulatorKeys?.close();
});

/** The claims of a valid channel token for an activity sent to `channel`, with `overrides` on top (`undefined` drops a claim). */
function channelClaims(overrides: JwtFields = {}): JwtFields {
  const now = nowSeconds();
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: channel.serviceUrl, nbf: now - 60, exp: now + HOUR, ...overrides };
}

/** The claims of a valid Emulator token of version 1.0 (the app id in `appid`), with `overrides` on top. */
function emulatorClaimsV1(overrides: JwtFields = {}): JwtFields {
  const now = nowSeconds();
  return { iss: EMULATOR_ISSUER_V1, aud: 'https://api.botframework.com', appid: APP_ID, ver: '1.0', tid: BOT_FRAMEWORK_TENANT, nbf: now - 60, exp: now + HOUR, ...overrides };
}

/** The claims of a valid Emulator token of version 2.0 (the app id in `azp`), with `overrides` on top. */
function emulatorClaimsV2(overrides: JwtFields = {}): JwtFields {
  const now = nowSeconds();
  return { iss: EMULATOR_ISSUER_V2, aud: APP_ID, azp: APP_ID, ver: '2.0', tid: BOT_FRAMEWORK_TENANT, nbf: now - 60, exp: now + HOUR, ...overrides };
}

const bearer = (token: string): string => `Bearer ${token}`;

/** A message in a new conversation; `overrides` change the activity (its serviceUrl, its channel). */
async function send(authorization: string | undefined, overrides: Record<string, unknown> = {}) {
  const activity = channel.activity({ userId: USER_ID, overrides });
  const conversationId = (activity.conversation as { id: string }).id;
  const result = await channel.post(activity, authorization);
  return { ...result, activity, conversationId };
}

/** The reason the server logged for refusing this conversation's request. */
function refusalReason(conversationId: string): string | undefined {
  return logLines.find((l) => l.msg === 'unauthenticated request' && l.conversationId === conversationId)?.reason;
}

/** The bot answered: replies to this activity reached the channel, each with the bot's token, and the turn was recorded. */
async function expectAnswered(sent: Awaited<ReturnType<typeof send>>): Promise<void> {
  expect(sent.status, sent.body).toBe(200);
  expect(sent.refused).toEqual([]);
  const messages = sent.replies.filter((r) => r.activity.type === 'message' && r.activity.replyToId === sent.activity.id);
  expect(messages.length).toBeGreaterThan(0);
  expect(sent.replies.map((r: AuthorizedReply) => r.authorization)).toEqual(sent.replies.map(() => `Bearer ${BOT_TOKEN}`));
  expect(await deskRecords(secured.desk)).toContain(sent.conversationId);
  expect(logLines.filter((l) => l.conversationId === sent.conversationId)).toEqual([]);
}

/** 401, for the expected reason, and nothing processed: no reply attempted, nothing in the transcript, events or state. */
async function expectRefused(sent: Awaited<ReturnType<typeof send>>, reason: RegExp): Promise<void> {
  expect(sent.status).toBe(401);
  expect(JSON.parse(sent.body)).toEqual({ error: expect.stringMatching(/unauthorized/) });
  expect(refusalReason(sent.conversationId)).toMatch(reason);
  expect(sent.replies).toEqual([]);
  expect(sent.refused).toEqual([]);
  expect(await deskRecords(secured.desk)).not.toContain(sent.conversationId);
}

describe('app-id mode: a channel token', () => {
  it('that is valid is accepted: the bot answers at the serviceUrl with its own token, and the turn is recorded', async () => {
    const sent = await send(bearer(channelKeys.sign(CHANNEL_KID, channelClaims())));
    await expectAnswered(sent);
    expect(channelKeys.requests).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/keys']));
    expect(credentialRequests).toContainEqual({
      appId: APP_ID,
      audience: PUBLIC_CLOUD_AUTHENTICATION.ToChannelFromBotOAuthScope,
      loginEndpoint: PUBLIC_CLOUD_AUTHENTICATION.ToChannelFromBotLoginUrl,
    });
  });

  it('expired four minutes ago is still accepted: the library allows 5 minutes of clock skew', async () => {
    const now = nowSeconds();
    await expectAnswered(await send(bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ nbf: now - HOUR, exp: now - 240 })))));
  });

  it.each<{ name: string; authorization: () => string | undefined; activity?: () => Record<string, unknown>; reason: RegExp }>([
    { name: 'no Authorization header', authorization: () => undefined, reason: /not authorized/ },
    { name: 'an empty Authorization header', authorization: () => '', reason: /not authorized/ },
    { name: 'the Basic scheme', authorization: () => `Basic ${Buffer.from(`${APP_ID}:secret`).toString('base64')}`, reason: /No valid identity/ },
    { name: 'a valid token under "bearer" in lower case (the library wants "Bearer")', authorization: () => `bearer ${channelKeys.sign(CHANNEL_KID, channelClaims())}`, reason: /No valid identity/ },
    { name: 'garbage after Bearer', authorization: () => 'Bearer nonsense', reason: /No valid identity/ },
    { name: 'a valid token with a word after it', authorization: () => `${bearer(channelKeys.sign(CHANNEL_KID, channelClaims()))} extra`, reason: /No valid identity/ },
    { name: 'a token signed by another key under the published kid', authorization: () => bearer(signRs256({ kid: CHANNEL_KID }, channelClaims(), rogue.privateKey)), reason: /invalid signature/ },
    { name: 'a token signed by a key of an unknown kid', authorization: () => bearer(signRs256({ kid: 'no-such-key' }, channelClaims(), rogue.privateKey)), reason: /Signing Key could not be retrieved/ },
    { name: 'a token with alg none', authorization: () => bearer(unsignedJwt({ kid: CHANNEL_KID }, channelClaims())), reason: /signature is required/ },
    { name: 'a token HMAC-signed with the public key (algorithm confusion)', authorization: () => bearer(hs256WithPublicKey({ kid: CHANNEL_KID }, channelClaims(), channelKeys.key(CHANNEL_KID).publicKey)), reason: /invalid algorithm/ },
    { name: 'a valid token whose payload was changed after signing', authorization: () => bearer(withPayload(channelKeys.sign(CHANNEL_KID, channelClaims()), channelClaims({ exp: nowSeconds() + 100 * HOUR }))), reason: /invalid signature/ },
    { name: 'an expired token', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ nbf: nowSeconds() - 2 * HOUR, exp: nowSeconds() - HOUR }))), reason: /expired/ },
    { name: 'a token not valid yet', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ nbf: nowSeconds() + HOUR, exp: nowSeconds() + 2 * HOUR }))), reason: /not active/ },
    { name: 'a token for another bot', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ aud: OTHER_APP_ID }))), reason: /Invalid AppId/ },
    { name: 'a token without an audience', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ aud: undefined }))), reason: /Invalid AppId/ },
    { name: 'a token from another issuer', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ iss: 'https://api.botframework.com.example.net' }))), reason: /No valid identity/ },
    { name: 'a token for another serviceUrl', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ serviceurl: 'https://attacker.example.com/' }))), reason: /ServiceUrl claim/ },
    { name: 'a token without a serviceurl claim', authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ serviceurl: undefined }))), reason: /ServiceUrl claim/ },
    {
      name: 'a valid token on an activity whose serviceUrl was changed (replies redirected)',
      authorization: () => bearer(channelKeys.sign(CHANNEL_KID, channelClaims())),
      activity: () => ({ serviceUrl: 'http://127.0.0.1:9/' }),
      reason: /ServiceUrl claim/,
    },
    { name: 'a token signed by a key not endorsed for the activity\'s channel', authorization: () => bearer(channelKeys.sign(TEAMS_ONLY_KID, channelClaims())), reason: /endorsement/ },
    { name: 'a channel token signed by the Emulator\'s key', authorization: () => bearer(emulatorKeys.sign(EMULATOR_KID, channelClaims())), reason: /Signing Key could not be retrieved/ },
  ])('$name is refused with 401 and nothing is processed', async ({ authorization, activity, reason }) => {
    await expectRefused(await send(authorization(), activity?.() ?? {}), reason);
  });
});

describe('app-id mode: an Emulator token (Azure AD keys from the Emulator metadata)', () => {
  it.each<{ name: string; token: () => string }>([
    { name: 'version 1.0, the app id in appid', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1()) },
    { name: 'version 2.0, the app id in azp', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV2()) },
  ])('that is valid ($name) is accepted and answered', async ({ token }) => {
    await expectAnswered(await send(bearer(token()), { channelId: 'emulator' }));
    expect(emulatorKeys.requests).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/keys']));
  });

  it.each<{ name: string; token: () => string; reason: RegExp }>([
    { name: 'signed by another key under the published kid', token: () => signRs256({ kid: EMULATOR_KID }, emulatorClaimsV1(), rogue.privateKey), reason: /invalid signature/ },
    { name: 'signed by the channel\'s key', token: () => channelKeys.sign(CHANNEL_KID, emulatorClaimsV1()), reason: /Signing Key could not be retrieved/ },
    { name: 'with alg none', token: () => unsignedJwt({ kid: EMULATOR_KID }, emulatorClaimsV1()), reason: /signature is required/ },
    { name: 'version 1.0 for another app', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ appid: OTHER_APP_ID })), reason: /Invalid AppId/ },
    { name: 'version 2.0 for another app', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV2({ aud: 'https://api.botframework.com', azp: OTHER_APP_ID })), reason: /Invalid AppId/ },
    { name: 'without a version', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ ver: undefined })), reason: /"ver" claim is required/ },
    { name: 'of an unknown version', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ ver: '3.0' })), reason: /Unknown Emulator Token version/ },
    { name: 'expired', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ nbf: nowSeconds() - 2 * HOUR, exp: nowSeconds() - HOUR })), reason: /expired/ },
    {
      name: 'that another bot got for this app id (a skill call: the desk takes none)',
      token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ aud: APP_ID, appid: OTHER_APP_ID })),
      reason: /Skill Claims require validation/,
    },
  ])('$name is refused with 401 and nothing is processed', async ({ token, reason }) => {
    await expectRefused(await send(bearer(token()), { channelId: 'emulator' }), reason);
  });

  it('is not bound to a serviceUrl, so its replies may only go where an open desk\'s may: loopback or the allow-list', async () => {
    // The library checks serviceurl on channel tokens only: whoever holds an Emulator token for this
    // app id could otherwise have the bot's replies, and the bot's own token on them, sent anywhere.
    const sent = await send(bearer(emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1())), { channelId: 'emulator', serviceUrl: 'https://attacker.example.com' });
    expect(sent.status).toBe(403);
    expect(JSON.parse(sent.body).error).toMatch(/not allowed/);
    expect(await deskRecords(secured.desk)).not.toContain(sent.conversationId);
  });

  it.each<{ name: string; token: () => string; reason: RegExp }>([
    { name: 'without an expiry (the library would let it live forever)', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ exp: undefined })), reason: /no expiry/ },
    { name: 'of an unknown Azure AD tenant (the library would trust its issuers from then on)', token: () => emulatorKeys.sign(EMULATOR_KID, emulatorClaimsV1({ tid: '11111111-2222-4333-8444-555555555555', iss: 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/' })), reason: /tenant/ },
  ])('$name is refused before the library sees it', async ({ token, reason }) => {
    await expectRefused(await send(bearer(token()), { channelId: 'emulator' }), reason);
  });
});

describe('app-id mode: what is not a token problem', () => {
  it('a blank channel id is refused as a bad activity (it would skip the channel endorsement check)', async () => {
    const sent = await send(bearer(channelKeys.sign(CHANNEL_KID, channelClaims())), { channelId: ' ' });
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body).error).toMatch(/channelId/);
  });

  it('signing keys that cannot be fetched are a 503 (try later), not a 401 (bad token)', async () => {
    const down = await startHarness(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'never-used', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration' },
      { recognizer: new KeywordRecognizer(), outgoingCredentials: testCredentials([]), logger: pino({ level: 'silent' }) },
    );
    const downChannel = await BotFrameworkChannel.start({ endpoint: down.desk.endpoint, channelId: CHANNEL_ID });
    try {
      const activity = downChannel.activity({ userId: USER_ID });
      const sent = await downChannel.post(activity, bearer(channelKeys.sign(CHANNEL_KID, { ...channelClaims(), serviceurl: downChannel.serviceUrl })));
      expect(sent.status).toBe(503);
      expect(sent.replies).toEqual([]);
    } finally {
      await downChannel.close();
      await down.close();
    }
  });
});

describe('app-id mode with a configured channel token issuer', () => {
  let custom: Harness;
  let customChannel: BotFrameworkChannel;
  beforeAll(async () => {
    custom = await startHarness(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'never-used', ToBotFromChannelOpenIdMetadataUrl: channelKeys.metadataUrl, ToBotFromChannelTokenIssuer: channelKeys.base },
      { recognizer: new KeywordRecognizer(), outgoingCredentials: testCredentials([]), logger: capturingLogger(logLines) },
    );
    customChannel = await BotFrameworkChannel.start({ endpoint: custom.desk.endpoint, channelId: CHANNEL_ID, requiredAuthorization: `Bearer ${BOT_TOKEN}` });
  });
  afterAll(async () => {
    await customChannel?.close();
    await custom?.close();
  });

  it.each<{ name: string; issuer: () => string; status: number }>([
    { name: 'the configured issuer', issuer: () => channelKeys.base, status: 200 },
    { name: "Microsoft's issuer, no longer the configured one,", issuer: () => CHANNEL_ISSUER, status: 401 },
  ])('a token from $name is answered $status', async ({ issuer, status }) => {
    const activity = customChannel.activity({ userId: USER_ID });
    const sent = await customChannel.post(activity, bearer(channelKeys.sign(CHANNEL_KID, channelClaims({ iss: issuer(), serviceurl: customChannel.serviceUrl }))));
    expect(sent.status).toBe(status);
    expect(sent.replies.length > 0).toBe(status === 200);
    expect(sent.refused).toEqual([]);
  });
});

describe('open mode (no app id) is as it was', () => {
  let open: Harness;
  let openChannel: BotFrameworkChannel;
  const openCredentialRequests: CredentialRequest[] = [];
  beforeAll(async () => {
    open = await startHarness(
      { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/never-fetched' },
      { recognizer: new KeywordRecognizer(), outgoingCredentials: testCredentials(openCredentialRequests) },
    );
    openChannel = await BotFrameworkChannel.start({ endpoint: open.desk.endpoint, channelId: 'emulator' });
  });
  afterAll(async () => {
    await openChannel?.close();
    await open?.close();
  });

  it.each<{ name: string; authorization: string | undefined }>([
    { name: 'without a token', authorization: undefined },
    { name: 'with a token nobody could check', authorization: 'Bearer nonsense' },
  ])('a message $name is answered, and the replies carry no token', async ({ authorization }) => {
    const sent = await openChannel.post(openChannel.activity({ userId: USER_ID }), authorization);
    expect(sent.status).toBe(200);
    expect(sent.replies.length).toBeGreaterThan(0);
    expect(sent.replies.map((r) => r.authorization)).toEqual(sent.replies.map(() => undefined));
    expect(openCredentialRequests).toEqual([]);
  });
});

describe('where tokens come from is configured by validated environment variables', () => {
  it('unset, the desk leaves botbuilder its built-in (Microsoft public cloud) endpoints', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' });
    expect(config.ToBotFromChannelOpenIdMetadataUrl).toBeUndefined();
    expect(config.ToBotFromChannelTokenIssuer).toBeUndefined();
    expect(config.ToBotFromEmulatorOpenIdMetadataUrl).toBeUndefined();
  });

  it.each([
    ['ToBotFromChannelOpenIdMetadataUrl', 'https://login.botframework.com/v1/.well-known/openidconfiguration'],
    ['ToBotFromEmulatorOpenIdMetadataUrl', 'http://127.0.0.1:8080/.well-known/openid-configuration'],
    ['ToBotFromEmulatorOpenIdMetadataUrl', 'http://localhost:8080/.well-known/openid-configuration'],
    ['ToBotFromChannelTokenIssuer', 'https://api.botframework.us'],
  ])('%s=%s is taken', (name, value) => {
    expect(loadConfig({ [name]: value })[name as 'ToBotFromChannelTokenIssuer']).toBe(value);
  });

  it.each([
    ['ToBotFromChannelOpenIdMetadataUrl', 'login.botframework.com/v1/.well-known/openidconfiguration'],
    ['ToBotFromChannelOpenIdMetadataUrl', 'http://login.example.com/.well-known/openid-configuration'],
    ['ToBotFromEmulatorOpenIdMetadataUrl', 'ftp://127.0.0.1/metadata'],
    ['ToBotFromChannelTokenIssuer', 'https://api.botframework.com https://evil.example.com'],
  ])('%s=%s stops the start with a line naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it("the public-cloud values the desk fills in are botframework-connector's own", () => {
    // Resolved from botbuilder's own location: botframework-connector is botbuilder's dependency, not the desk's.
    const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
    const { AuthenticationConstants } = fromBotbuilder('botframework-connector') as { AuthenticationConstants: Record<string, unknown> };
    const { CallerIdConstants } = fromBotbuilder('botframework-schema') as { CallerIdConstants: Record<string, unknown> };
    const { ValidateAuthority, CallerId, ...urls } = PUBLIC_CLOUD_AUTHENTICATION;
    expect(ValidateAuthority).toBe(true);
    expect(CallerId).toBe(CallerIdConstants.PublicAzureChannel);
    for (const [name, value] of Object.entries(urls)) expect([name, value]).toEqual([name, AuthenticationConstants[name]]);
  });
});
