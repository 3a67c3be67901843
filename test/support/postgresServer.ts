import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL server the tests started for themselves, and how to reach it as its superuser. */
export interface ThrowawayPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

/** Where Debian (and most distributions) keep the server's programs, newest version first. */
export function serverBinDir(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).find((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'postgres')));
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: then the server runs as the `postgres` account Debian's package creates. */
function runAs(): { uid: number; gid: number; user: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { uid, gid, user };
    } catch {
      // no such account: try the next
    }
  }
  throw new Error('startThrowawayPostgres(): running as root and there is no postgres or nobody account to run the server as');
}

/**
 * Starts a PostgreSQL server of its own for the tests: a fresh cluster in a temp directory, on a
 * free loopback port, without durability (fsync off: the data is thrown away), as an unprivileged
 * user. Resolves undefined when PostgreSQL's server programs are not installed.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const bin = serverBinDir();
  if (!bin) return undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-pg-'));
  const account = runAs();
  if (account) {
    await chown(dir, account.uid, account.gid);
    await chmod(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  const spawnOptions = account ? { uid: account.uid, gid: account.gid } : {};
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C'], { ...spawnOptions, stdio: 'pipe', cwd: dir });
  const server: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    { ...spawnOptions, stdio: 'ignore', cwd: dir },
  );
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline || server.exitCode !== null) {
        server.kill('SIGKILL');
        throw new Error(`startThrowawayPostgres(): the server in ${dir} did not start: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    adminUrl,
    async stop() {
      const exited = new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
      server.kill('SIGINT'); // fast shutdown
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer); // a pending timer would keep the test runner alive for ten seconds
      if (server.exitCode === null) server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
