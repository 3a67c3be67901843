import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../recognizers/corpus.js';
import { loadOrTrainModel, modelKey, readShippedModel, SHIPPED_MODEL_FILE } from '../../recognizers/intentModel.js';

describe('the shipped intent model', () => {
  it('is the model of the current corpus, features and training (else: npm run train, and commit it)', async () => {
    const shipped = await readShippedModel();
    expect(shipped, `${SHIPPED_MODEL_FILE} is missing or unreadable`).toBeDefined();
    expect(shipped!.key, 'the shipped model is stale: run npm run train and commit recognizers/model/').toBe(modelKey((await loadCorpus()).hash));
    expect(shipped!.trainedOn).toBe('whole corpus');
    const { train, validation } = await loadCorpus();
    expect(shipped!.trainCount).toBe(train.length + validation.length);
  });

  describe('loading', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'model-test-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('a fresh clone serves the shipped model: nothing trained, nothing written', async () => {
      const model = await loadOrTrainModel(dir);
      expect(model.trained).toBe(false);
      expect(model.file).toBe(SHIPPED_MODEL_FILE);
      expect(model.trainedOn).toBe('whole corpus');
      expect(await readdir(dir)).toEqual([]);
      expect(model.classifier.classify('我的快递到哪了')[0]!.intent).toBe('task.track_logistics');
    });

    it('a stale or broken shipped model is not served: the corpus is trained into the model directory', async () => {
      // A small corpus of its own, and a "shipped" file that is not its model.
      const corpusDir = path.join(dir, 'corpus');
      const shippedFile = path.join(dir, 'shipped.json.gz');
      await writeFile(shippedFile, 'not gzip');
      await mkdir(corpusDir);
      const lines = (intent: string, texts: string[]): string => texts.map((text) => JSON.stringify({ text, locale: 'en-US', intent })).join('\n');
      await writeFile(path.join(corpusDir, 'task.track_logistics.jsonl'), lines('task.track_logistics', ['where is my package', 'where is my parcel', 'track my order', 'has it shipped', 'tracking number please']));
      await writeFile(path.join(corpusDir, 'chitchat.thanks.jsonl'), lines('chitchat.thanks', ['thanks', 'thank you', 'thanks a lot', 'cheers', 'much appreciated']));
      const modelDir = path.join(dir, 'models');
      const trained = await loadOrTrainModel(modelDir, { corpusDir, shippedFile });
      expect(trained.trained).toBe(true);
      expect(trained.trainedOn).toBe('whole corpus');
      expect((await readdir(modelDir)).sort()).toHaveLength(2); // the train split's model (calibration, figures) and the whole corpus's
      expect(await readFile(shippedFile, 'utf8')).toBe('not gzip');
      const again = await loadOrTrainModel(modelDir, { corpusDir, shippedFile });
      expect(again.trained).toBe(false);
      expect(again.file).toBe(trained.file);
      expect(again.classifier.classify('where is my package')).toEqual(trained.classifier.classify('where is my package'));
    });
  });
});
