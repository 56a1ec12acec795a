/**
 * A count for people: `12,345`. A whole number is grouped by hand, as en-US groups it: a list
 * writes a count on every row, and `toLocaleString` costs several times as much each time.
 * Anything else (a fraction, a negative, a huge number) is ICU's.
 */
export const englishNumber = (n: number): string =>
  Number.isSafeInteger(n) && n >= 0
    ? String(n).replace(/\B(?=(\d{3})+$)/g, ",")
    : n.toLocaleString("en-US");
