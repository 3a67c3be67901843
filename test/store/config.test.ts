import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What `loadConfig` threw, failing the test when it accepted the environment. */
function refusal(env: Record<string, string>): Error {
  try {
    loadConfig(env);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`expected loadConfig to refuse ${JSON.stringify(env)}`);
}

/** Adds `label`, the environment as `NAME=value` pairs, for readable test titles. */
function labelled<T extends { env: Record<string, string> }>(cases: T[]): (T & { label: string })[] {
  return cases.map((c) => ({ ...c, label: Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(' ') }));
}

describe('loadConfig', () => {
  it('defaults to port 3978, a store under the project var/, and open mode', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      PORT: 3978,
      DATA_FILE: path.join(PROJECT_ROOT, 'var', 'desk.json'),
      transcriptFile: path.join(PROJECT_ROOT, 'var', 'desk.transcript.jsonl'),
      openMode: true,
      MicrosoftAppType: 'MultiTenant',
      DEFAULT_LOCALE: 'zh-CN',
      LOG_LEVEL: 'info',
      SERVICE_URL_ALLOW_LIST: [],
    });
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    { name: 'PORT', value: '' },
    { name: 'PORT', value: '   ' },
    { name: 'DATA_FILE', value: '' },
    { name: 'TRANSCRIPT_FILE', value: '' },
    { name: 'MicrosoftAppId', value: '' },
    { name: 'MicrosoftAppPassword', value: '' },
    { name: 'MicrosoftAppType', value: '' },
    { name: 'MicrosoftAppTenantId', value: ' ' },
    { name: 'SERVICE_URL_ALLOW_LIST', value: '' },
    { name: 'DEFAULT_LOCALE', value: '' },
    { name: 'LOG_LEVEL', value: '' },
  ])('takes $name=$value (empty) as not set', ({ name, value }) => {
    expect(loadConfig({ [name]: value })).toEqual(loadConfig({}));
  });

  it.each(labelled<{ env: Record<string, string>; expected: Record<string, unknown> }>([
    { env: { PORT: '0' }, expected: { PORT: 0 } },
    { env: { PORT: ' 8080 ' }, expected: { PORT: 8080 } },
    { env: { DATA_FILE: 'tmp/other.json' }, expected: { DATA_FILE: path.join(PROJECT_ROOT, 'tmp', 'other.json'), transcriptFile: path.join(PROJECT_ROOT, 'tmp', 'other.transcript.jsonl') } },
    { env: { DATA_FILE: '/srv/desk/shop.json', TRANSCRIPT_FILE: '/srv/log/t.jsonl' }, expected: { DATA_FILE: '/srv/desk/shop.json', transcriptFile: '/srv/log/t.jsonl' } },
    { env: { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }, expected: { openMode: false, MicrosoftAppType: 'MultiTenant' } },
    { env: { MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI' }, expected: { openMode: false } },
    { env: { SERVICE_URL_ALLOW_LIST: 'https://a.example/x, http://b.example:3978' }, expected: { SERVICE_URL_ALLOW_LIST: ['https://a.example', 'http://b.example:3978'] } },
    { env: { DEFAULT_LOCALE: 'en-US', LOG_LEVEL: 'silent' }, expected: { DEFAULT_LOCALE: 'en-US', LOG_LEVEL: 'silent' } },
  ]))('accepts $label', ({ env, expected }) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each(labelled<{ env: Record<string, string>; names: string }>([
    { env: { PORT: 'abc' }, names: 'PORT' },
    { env: { PORT: '70000' }, names: 'PORT' },
    { env: { PORT: '-1' }, names: 'PORT' },
    { env: { PORT: '3978.5' }, names: 'PORT' },
    { env: { MicrosoftAppType: 'Foo' }, names: 'MicrosoftAppType' },
    { env: { LOG_LEVEL: 'loud' }, names: 'LOG_LEVEL' },
    { env: { DEFAULT_LOCALE: 'fr-FR' }, names: 'DEFAULT_LOCALE' },
    { env: { SERVICE_URL_ALLOW_LIST: 'not a url' }, names: 'SERVICE_URL_ALLOW_LIST' },
    { env: { SERVICE_URL_ALLOW_LIST: 'https://ok.example, not a url' }, names: 'SERVICE_URL_ALLOW_LIST' },
    { env: { MicrosoftAppId: 'app' }, names: 'MicrosoftAppPassword' },
    { env: { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' }, names: 'MicrosoftAppTenantId' },
  ]))('refuses $label with a ConfigError naming $names', ({ env, names }) => {
    const err = refusal(env);

    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(names);
    expect(err.message.split('\n')).toHaveLength(1);
  });
});
