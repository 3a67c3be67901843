import { KeyedJsonFile } from './keyedJsonFile.js';
import type { ReplyReview, ReplyReviews } from '../replyReviews.js';

/** Managers' decisions on mined replies, in one JSON file beside the store (a manager decides a few a day). */
export class ReplyReviewsFile implements ReplyReviews {
  private readonly file: KeyedJsonFile<ReplyReview>;

  constructor(path: string) {
    this.file = new KeyedJsonFile(path, 'reviews');
  }

  list(): Promise<ReplyReview[]> {
    return this.file.list();
  }

  put(review: ReplyReview): Promise<void> {
    return this.file.put(review.id, review);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
