import { AttachmentPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { Attachment } from 'botbuilder';
import { turnInfo } from '../bot/turnInfo.js';
import { findYesNo } from '../recognizers/entities.js';

/** "No photo", "没拍", "skip": the buyer has none to send; the case goes on without one. */
const NO_PHOTO = /^(没有?(照片|图片|图)?|没(有)?拍(照|照片|图)?|没来得及拍|拍不了(照)?|不方便(拍)?|已经扔了|扔了|跳过|不发了?|发不了|无|no ?(photo|picture|pic)s?|i (don'?t|do not) have (one|any|a (photo|picture|pic))|i didn'?t take (one|any|a (photo|picture|pic))|no,? sorry|not right now|i threw it (away|out)|skip( it)?|can'?t)$/i;

/** True when the whole message says there is no photo to send. */
export function isNoPhoto(text: string): boolean {
  const t = text.trim().replace(/[。.!！]+$/u, '');
  return NO_PHOTO.test(t) || (Array.from(t).length <= 40 && NO_PHOTO_IN.test(t));
}

/** "here is no pic", "sorry I don't have a photo of it", "照片没拍": a short message saying there is none. */
const NO_PHOTO_IN = /(没有?|没拍|no|don'?t have (a|any)?|didn'?t take (a|any)?|can'?t take (a|any)?|haven'?t got (a|any)?)\s*(照片|图片|图|photos?|pictures?|pics?)|(照片|图片)(没拍|没有|拍不了)/iu;

/** Times the prompt asks again for a photo before going on without one. */
const MAX_PHOTO_ATTEMPTS = 2;

/**
 * Asks for a photo of the problem (damage, wrong item). An image answers it; "no photo" or a
 * second message without one goes on without it, so a buyer is never stuck on a camera.
 */
export class PhotoPrompt extends AttachmentPrompt {
  constructor(dialogId: string) {
    super(dialogId, async (pc: PromptValidatorContext<Attachment[]>) => {
      if (pc.recognized.succeeded && (pc.recognized.value?.length ?? 0) > 0) return true;
      const text = pc.context.activity.text ?? '';
      const no = findYesNo(text, turnInfo(pc.context).locale)[0];
      return isNoPhoto(text) || no?.value === 'no' || pc.attemptCount >= MAX_PHOTO_ATTEMPTS;
    });
  }
}

/** Where the photos are (their URLs, else their names), for the order's history. */
export function photoRefs(attachments: readonly Attachment[] | undefined): string[] {
  return (attachments ?? []).map((a) => a.contentUrl ?? a.name ?? a.contentType).filter((s): s is string => !!s);
}
