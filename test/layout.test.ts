import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout holds, top to bottom: `app/` (wiring: createDesk, npm start), `web/` (the web doors:
 * Direct Line, the pages), `dialogs/`, `bot/` (the
 * Bot Framework door: adapter, server, middleware, cards, the sentences), `desk/` (the core, no
 * botbuilder), `policy/`, `recognizers/`, `data/`. A folder imports nothing from a folder
 * above it (the command-line entry points are wiring, in `app/cli/`), and no import cycle anywhere.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CODE = ['app', 'web', 'bot', 'dialogs', 'recognizers', 'data', 'policy', 'desk'];
/** Folders below the doors: what they may not import. */
const LOWER: Record<string, readonly string[]> = {
  web: ['app'],
  dialogs: ['app', 'web'],
  bot: ['app', 'web', 'dialogs'],
  desk: ['app', 'web', 'bot', 'dialogs'],
  policy: ['app', 'web', 'bot', 'dialogs', 'desk'],
  recognizers: ['app', 'web', 'bot', 'dialogs', 'desk', 'policy'],
  data: ['app', 'web', 'bot', 'dialogs', 'desk', 'policy', 'recognizers'],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const files = CODE.flatMap((d) => filesUnder(path.join(ROOT, d)));
/** Each file's relative imports (type-only ones too: a cycle of types is still a knot), as project paths. */
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)].map((m) => path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts'));
    return [file, targets.filter((t) => files.includes(t))];
  }),
);
const rel = (f: string): string => path.relative(ROOT, f);

describe('the layout', () => {
  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of imports.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it.each(Object.entries(LOWER))('%s/ imports nothing from %j', (folder, above) => {
    const wrong = files
      .filter((f) => rel(f).startsWith(`${folder}/`))
      .flatMap((f) => (imports.get(f) ?? []).filter((t) => above.includes(rel(t).split('/')[0]!)).map((t) => `${rel(f)} → ${rel(t)}`));
    expect(wrong).toEqual([]);
  });

  it('the core (desk/) and the storage (data/) do not import botbuilder', () => {
    const wrong = files.filter((f) => /^(desk|data)\//.test(rel(f)) && /from\s+'botbuilder[^']*'/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(files.some((f) => rel(f).startsWith('desk/'))).toBe(true);
    expect(wrong).toEqual([]);
  });

  it('the PostgreSQL and lowdb backends do not import each other', () => {
    const wrong = files
      .filter((f) => /^data\/(lowdb|postgres)\//.test(rel(f)))
      .flatMap((f) => {
        const own = rel(f).split('/')[1];
        return (imports.get(f) ?? []).filter((t) => /^data\/(lowdb|postgres)\//.test(rel(t)) && rel(t).split('/')[1] !== own).map((t) => `${rel(f)} → ${rel(t)}`);
      });
    expect(wrong).toEqual([]);
  });
});
