import type { Locale } from '../../data/shopSchema.js';
import { signInPage } from '../signInPage.js';

/** `/desk`: the agents' page; signed out, the sign-in form; assets/desk.js draws the live desk. */
export function deskPage(locale: Locale): string {
  return signInPage(locale, {
    title: { 'zh-CN': '客服工作台', 'en-US': 'Agent desk' },
    idLabel: { 'zh-CN': '客服 ID', 'en-US': 'ID' },
    script: '/desk/desk.js',
    mount: { id: 'desk' },
  });
}
