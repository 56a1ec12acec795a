/**
 * The form of a saved view's name that uniqueness is judged on: "Billing" and "billing" are one
 * view, and so are the Arabic and Persian spellings of a letter or a digit, which keyboards mix.
 */
const FOLDS: Record<string, string> = {
  "\u064a": "\u06cc", // Arabic yeh → Persian yeh
  "\u0649": "\u06cc", // alef maksura → Persian yeh
  "\u0643": "\u06a9", // Arabic kaf → Persian keheh
};

const digitValue = (char: string): string | undefined => {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Persian digits
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic digits
  return undefined;
};

export const viewNameKey = (name: string): string =>
  Array.from(name.normalize("NFKC").toLowerCase(), (c) => FOLDS[c] ?? digitValue(c) ?? c).join("");
