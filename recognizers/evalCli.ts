import { runCli } from '../bot/cli.js';
import path from 'node:path';
import { loadConfig } from '../bot/config.js';
import { readLabeledFile } from './corpus.js';
import { evaluate, type EvaluationReport } from './evaluation.js';
import { loadOrTrainModel } from './intentModel.js';
import { NlpRecognizer } from './nlpRecognizer.js';

/** Formats a 0..1 figure as a percentage with one decimal. */
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

function printReport(file: string, r: EvaluationReport): void {
  const out: string[] = [];
  out.push(`${file}: ${r.count} lines`);
  out.push(`overall   accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macroF1)}`);
  for (const [locale, s] of Object.entries(r.byLocale)) out.push(`${locale.padEnd(9)} accuracy ${pct(s.accuracy)}  macro-F1 ${pct(s.macroF1)}  (${s.count} lines)`);
  out.push('', `${'intent'.padEnd(26)} precision  recall     f1  support`);
  for (const [intent, m] of Object.entries(r.byIntent)) {
    out.push(`${intent.padEnd(26)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}`);
  }
  out.push('', 'worst confusions (expected → predicted):');
  for (const c of r.confusions) out.push(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}   e.g. ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * `npm run eval:nlu -- FILE.jsonl [--json]`: classifies every labeled line with the trained model
 * and prints accuracy and macro-F1 overall and per locale, the per-intent table and the worst
 * confusions; `--json` adds the figures as one JSON object on the last line.
 */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1) {
    process.stderr.write('usage: npm run eval:nlu -- FILE.jsonl [--json]\n');
    return 2;
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
  const config = loadConfig();
  const [model, lines] = await Promise.all([loadOrTrainModel(config.MODEL_DIR), readLabeledFile(file)]);
  const recognizer = new NlpRecognizer(model);
  const now = new Date();
  const predictions = lines.map((utterance) => ({ utterance, predicted: recognizer.recognizeSync(utterance.text, utterance.locale, now).intent }));
  const report = evaluate(predictions);
  printReport(file, report);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  return 0;
}

runCli(main);
