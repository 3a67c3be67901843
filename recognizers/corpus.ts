import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SUPPORTED_LOCALES, type Locale } from '../data/shopSchema.js';
import { INTENTS, type IntentId } from '../data/intents.js';

/** The project's own training corpus: `recognizers/corpus/<intent>.jsonl`. */
export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

/** Share of each intent × language kept apart for validation; the model never trains on it. */
export const VALIDATION_SHARE = 0.2;

/** One labeled utterance, in the `.jsonl` format of `interfaces.md`. */
export interface LabeledUtterance {
  text: string;
  locale: Locale;
  intent: IntentId;
}

const line = z.looseObject({
  text: z.string().min(1),
  locale: z.enum(SUPPORTED_LOCALES),
  intent: z.enum(INTENTS),
});

/** Parses a labeled `.jsonl` text; throws naming the file and line of the first bad line. */
export function parseLabeled(text: string, source: string): LabeledUtterance[] {
  const out: LabeledUtterance[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const parsed = line.safeParse(json);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    out.push({ text: parsed.data.text, locale: parsed.data.locale, intent: parsed.data.intent });
  });
  return out;
}

/** Reads a labeled `.jsonl` file (the corpus, or an evaluation set). */
export async function readLabeledFile(file: string): Promise<LabeledUtterance[]> {
  return parseLabeled(await readFile(file, 'utf8'), file);
}

/** The corpus files' text, in a stable order; its hash keys the trained model. */
export async function readCorpusText(dir = CORPUS_DIR): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  return Promise.all(names.map(async (n) => ({ file: path.join(dir, n), text: await readFile(path.join(dir, n), 'utf8') })));
}

/** A stable number in [0, 1) from a text: decides the split without randomness. */
function unitHash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** The corpus with its fixed split: the same utterance is always on the same side. */
export interface SplitCorpus {
  train: LabeledUtterance[];
  validation: LabeledUtterance[];
  /** sha256 of every corpus file: a different corpus means a different model. */
  hash: string;
}

/** Loads the corpus and splits each intent × language: the `VALIDATION_SHARE` with the lowest hashes go to validation. */
export async function loadCorpus(dir = CORPUS_DIR): Promise<SplitCorpus> {
  const files = await readCorpusText(dir);
  const hash = createHash('sha256');
  const all: LabeledUtterance[] = [];
  for (const { file, text } of files) {
    hash.update(path.basename(file)).update('\0').update(text).update('\0');
    all.push(...parseLabeled(text, file));
  }
  const groups = new Map<string, LabeledUtterance[]>();
  for (const u of all) {
    const key = `${u.intent}|${u.locale}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const train: LabeledUtterance[] = [];
  const validation: LabeledUtterance[] = [];
  for (const group of groups.values()) {
    const ranked = [...group].sort((a, b) => unitHash(a.text) - unitHash(b.text));
    const cut = Math.round(ranked.length * VALIDATION_SHARE);
    validation.push(...ranked.slice(0, cut));
    train.push(...ranked.slice(cut));
  }
  return { train, validation, hash: hash.digest('hex') };
}
