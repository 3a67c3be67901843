import type { Locale } from '../../data/shopSchema.js';
import { signInPage } from '../signInPage.js';

/** `/console`: the managers' page; signed out, the sign-in form; assets/console.js draws the regions. */
export function consolePage(locale: Locale): string {
  return signInPage(locale, {
    title: { 'zh-CN': '管理控制台', 'en-US': 'Manager console' },
    idLabel: { 'zh-CN': '经理 ID', 'en-US': 'ID' },
    script: '/console/console.js',
    libraries: { scripts: ['/console/uplot.js'], styles: ['/console/uplot.css'] },
    mount: { id: 'console', className: 'console' },
  });
}
