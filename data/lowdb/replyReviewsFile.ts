import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicJsonFile } from './atomicJsonFile.js';
import type { ReplyReview, ReplyReviews } from '../replyReviews.js';

/** Managers' decisions on mined replies, in one JSON file beside the store, rewritten atomically (a manager decides a few a day). */
export class ReplyReviewsFile implements ReplyReviews {
  private readonly file: AtomicJsonFile<{ reviews: Record<string, ReplyReview> }>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.file = new AtomicJsonFile(path);
  }

  async list(): Promise<ReplyReview[]> {
    return Object.values((await this.file.read())?.reviews ?? {});
  }

  put(review: ReplyReview): Promise<void> {
    const next = this.writing.then(async () => {
      const doc = (await this.file.read()) ?? { reviews: {} };
      doc.reviews[review.id] = review;
      await mkdir(dirname(this.file.file), { recursive: true });
      await this.file.write(doc);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.writing;
  }
}
