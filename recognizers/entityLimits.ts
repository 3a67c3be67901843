/**
 * The most entities of one kind (order numbers, phones, dates, amounts) read from one message, the
 * first ones in the text: a buyer names one or two; past a few dozen it is a pasted list or an
 * attack (issue 9), and every step after (overlaps between kinds, matching each order) grows with
 * the count.
 */
export const MAX_ENTITIES_PER_KIND = 32;
