import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README stands on its own in a clone: the contracts it links to are in docs/, kept identical
 * to the project's spec (../shared/spec, where it is checked out beside the repository), and every
 * relative link of the README points at a file that exists.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = path.resolve(ROOT, '..', 'shared', 'spec');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('docs/', () => {
  it.skipIf(!existsSync(SPEC)).each(existsSync(SPEC) ? readdirSync(SPEC).filter((f) => f.endsWith('.md')) : [])('has %s as the spec has it', (file) => {
    expect(readFileSync(path.join(ROOT, 'docs', file), 'utf8')).toBe(readFileSync(path.join(SPEC, file), 'utf8'));
  });

  it("holds every file the README's relative links name", () => {
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!);
    expect(links.length).toBeGreaterThan(5);
    const missing = links.filter((l) => !existsSync(path.join(ROOT, l)));
    expect(missing).toEqual([]);
  });

  it('the README refers to no file outside the repository', () => {
    expect(readme).not.toMatch(/\.\.\/shared\/spec/);
  });
});
