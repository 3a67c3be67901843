/**
 * Numbers written as words, and the words that follow a number when it counts things rather than
 * money: shared by the date and amount patterns, so "3天前", "11月3号" and "2件" are read alike.
 */

/** Chinese numerals below 100 as buyers write counts and days ("三", "十一", "二十五", "两"): a regex source. */
export const ZH_SMALL_NUMERAL = '[一二两三四五六七八九十]{1,3}';

const ZH_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of digits or of a Chinese numeral below 100 ("11", "十一" → 11, "二十" → 20, "两" → 2); NaN otherwise. */
export function smallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '' || (m[1] && m[3] && !m[2])) return NaN;
  const [, tens, ten, units] = m;
  if (!ten) return ZH_DIGITS[tens ?? units ?? ''] ?? NaN;
  return (tens ? ZH_DIGITS[tens]! : 1) * 10 + (units ? ZH_DIGITS[units]! : 0);
}

/** English counts as buyers write them before "days ago": digits, "a"/"an", one…twelve, "a couple of", "a few". */
export const EN_COUNT = '\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a )?couple(?: of)?|(?:a )?few';

const EN_COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/** The value of an `EN_COUNT` match; "a couple" is 2 and "a few" 3, as recognizers-text reads them. */
export function englishCount(text: string): number {
  const word = text.toLowerCase();
  if (/^\d+$/.test(word)) return Number(word);
  if (word.includes('couple')) return 2;
  if (word.includes('few')) return 3;
  return EN_COUNT_WORDS[word] ?? NaN;
}

/**
 * Chinese words after a number that make it a count, a size, a time or a rate, never a price:
 * measure words ("2件", "3双"), units ("5斤"), times ("3天", "3点"), ordinals and rates ("5折", "3倍").
 * 块 is left out: after a number it is yuan ("199块"); so is the 包 of 包邮 ("9.9包邮" is a price).
 */
export const ZH_NOT_MONEY_AFTER =
  '公斤|千克|厘米|毫米|毫升|小时|分钟|星期|礼拜|个月|包(?!邮)|[件个只双条套台部张份盒瓶袋箱支把本斤克米次遍天日周月年岁号点分秒楼层期位人单笔颗粒片根辆倍折成度寸码升%％]';

/** Words ending in "s" that are not plural nouns, so "199 pls" and "199 was fine" keep their amount. */
const EN_NOT_PLURAL = 'is|as|us|was|has|does|this|yes|plus|less|thus|its|his|hers|ours|yours|theirs|pls|thanks|always|perhaps|unless|across|besides|sometimes|anyways|towards';

/**
 * English words after a number that make it a count or a measure, never a price: units
 * ("3 pairs", "1 item", "5 days", "10 percent"), "of them", and any plural noun ("2 shirts").
 */
export const EN_NOT_MONEY_AFTER =
  '(?:pcs|pc|item|piece|pair|unit|set|pack|box|bottle|order|package|parcel|day|week|month|year|hour|minute|second|star|time|' +
  'kgs?|lbs?|oz|cm|mm|ft|inch(?:es)?|hrs?|mins?|secs?|percent|people|x|of (?:them|these|those|the|my|each|it)|' +
  `(?!(?:${EN_NOT_PLURAL})\\b)[a-z]+s)\\b`;
