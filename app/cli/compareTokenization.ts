import { runCli } from '../../bot/cli.js';
import { NlpManager } from 'node-nlp';
import { loadCorpus, type LabeledUtterance } from '../../recognizers/corpus.js';
import { featuresOf } from '../../recognizers/features.js';
import { NodeNlpClassifier } from '../../recognizers/nodeNlpClassifier.js';

/** node-nlp's language code for a desk locale. */
const NLP_LANG = { 'zh-CN': 'zh', 'en-US': 'en' } as const;

/** Code-switched messages whose tokens show what each tokenizer does with Latin words inside Chinese. */
const SHOWCASE = ['我的 order 怎么还没 ship', '这个 refund 多久到', '能帮我 cancel 吗'];

function accuracy(data: readonly LabeledUtterance[], predict: (u: LabeledUtterance) => string): string {
  const right = data.filter((u) => predict(u) === u.intent).length;
  return `${((100 * right) / Math.max(1, data.length)).toFixed(1)}%`;
}

/**
 * `npm run eval:tokenization`: node-nlp's own pipeline (its Chinese tokenizer splits Latin words
 * inside Chinese into letters) against the desk's features and classifier, same training split,
 * measured on the validation split per language and on its code-switched lines.
 */
async function main(): Promise<void> {
  const corpus = await loadCorpus();
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const manager = new NlpManager({ languages: ['zh', 'en'], autoSave: false, autoLoad: false, nlu: { log: false }, ner: { builtins: [] } });
  for (const u of corpus.train) manager.addDocument(NLP_LANG[u.locale], u.text, u.intent);
  let started = performance.now();
  await manager.train();
  const baselineMs = performance.now() - started;
  const baseline = new Map<string, string>();
  for (const u of corpus.validation) baseline.set(u.text, (await manager.process(NLP_LANG[u.locale], u.text)).intent);
  started = performance.now();
  const desk = NodeNlpClassifier.train(corpus.train);
  const deskMs = performance.now() - started;

  const mixed = (u: LabeledUtterance): boolean => u.locale === 'zh-CN' && /[a-z]{2,}/i.test(u.text);
  const sets: [string, LabeledUtterance[]][] = [
    ['zh-CN', corpus.validation.filter((u) => u.locale === 'zh-CN')],
    ['en-US', corpus.validation.filter((u) => u.locale === 'en-US')],
    ['zh-CN with Latin words', corpus.validation.filter(mixed)],
    ['all', corpus.validation],
  ];
  out(`validation split: ${corpus.validation.length} lines (train ${corpus.train.length})`);
  out(`${'set'.padEnd(24)} ${'node-nlp pipeline'.padStart(18)} ${'desk features'.padStart(14)}  lines`);
  for (const [name, data] of sets) {
    const b = accuracy(data, (u) => (baseline.get(u.text) === 'None' ? 'none' : (baseline.get(u.text) ?? '')));
    const d = accuracy(data, (u) => desk.classify(u.text)[0]?.intent ?? 'none');
    out(`${name.padEnd(24)} ${b.padStart(18)} ${d.padStart(14)}  ${data.length}`);
  }
  out(`training: node-nlp pipeline ${(baselineMs / 1000).toFixed(1)} s, desk ${(deskMs / 1000).toFixed(1)} s`);
  out('(both: top intent, no rejection; reproduce with npm run eval:tokenization)');
  out('');
  for (const text of SHOWCASE) out(`${text}\n  desk features: ${[...featuresOf(text).keys()].join(' ')}`);
}

runCli(main);
