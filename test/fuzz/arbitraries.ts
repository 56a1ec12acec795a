import fc from "fast-check";

/** Every spelling the grammar knows, near misses, and words with meaning on their own. */
const KEYS = [
  "state",
  "state_id",
  "STATE",
  "user",
  "username",
  "id",
  "ticket_id",
  "category",
  "category_id",
  "subcategory",
  "sub",
  "sub_category_id",
  "page",
  "per_page",
  "perpage",
  "per-page",
  "stat",
  "usr",
  "constructor",
  "__proto__",
  "",
];

const VALUES = fc.oneof(
  fc.constantFrom(
    "1",
    "2",
    "5",
    "6",
    "0",
    "-1",
    "open",
    "closed",
    "Waiting_For_Support",
    "answerd",
    "۳",
    "٢",
    "#100001",
    "@bob",
    "2147483648",
    "99999999999999999999",
    "1e3",
    "0x10",
    "1.5",
    "",
  ),
  fc.nat({ max: 3_000_000_000 }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** Things Slack really puts in command text: its entities, mentions, links, invisible marks. */
const SLACK_BITS = fc.constantFrom(
  "&amp;",
  "&lt;",
  "&gt;",
  "&amp;lt;",
  "&quot;",
  "<@U024BE7LH>",
  "<!channel>",
  "<#C123|general>",
  "<https://evil.example|bank>",
  "<mailto:a@b.c|a@b.c>",
  "`",
  "*bold*",
  "\u202E",
  "\u200B",
  "\uFEFF",
  "\u061C",
  "؟",
  "—help",
  "help",
  "digest",
  "?",
  "👨‍👩‍👧‍👦",
  "سلام",
);

const fragment = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...KEYS), fc.constantFrom(":", "：", "=", ": "), VALUES)
      .map(([k, s, v]) => `${k}${s}${v}`),
  },
  { weight: 2, arbitrary: SLACK_BITS },
  { weight: 1, arbitrary: fc.nat().map((n) => `#${n}`) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

const separator = fc.constantFrom(" ", "  ", "\n", "\t", "\u00A0", "\u3000", "");

const joined = fc
  .array(fc.tuple(fragment, separator), { maxLength: 14 })
  .map((parts) => parts.map(([f, s]) => f + s).join(""));

/** Around the command's length limit (2000), where a cut could split a surrogate pair. */
const long = fc
  .tuple(fragment, fc.integer({ min: 1990, max: 2100 }))
  .map(([f, n]) => (f === "" ? "x" : f).repeat(n).slice(0, n));

/** Mostly accepted commands, so the list renderer sees as many queries as the error one. */
const plausiblePair = fc.oneof(
  fc
    .constantFrom("1", "2", "3", "4", "5", "open", "closed", "answered", "۲")
    .map((v) => `state:${v}`),
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 100 })
    .map((v) => `user:${v.replace(/\s/gu, "_")}`),
  fc.integer({ min: 1, max: 2_147_483_647 }).map((v) => `id:${v}`),
  fc.integer({ min: 1, max: 2_147_483_647 }).map((v) => `category:${v}`),
  fc.integer({ min: 1, max: 2_147_483_647 }).map((v) => `sub:${v}`),
  fc.integer({ min: 1, max: 1_000_000 }).map((v) => `page:${v}`),
  fc.integer({ min: 1, max: 5000 }).map((v) => `per_page:${v}`),
);
const plausible = fc
  .uniqueArray(plausiblePair, { maxLength: 6, selector: (pair) => pair.split(":")[0] })
  .map((pairs) => pairs.join(" "));

/** `/tickets language …`, with a language, a near miss, or anything at all after it. */
const languageCommand = fc
  .tuple(
    fc.constantFrom("language ", "lang ", "زبان ", "language:", "LANGUAGE ", "language  "),
    fc.oneof(fc.constantFrom("fa", "en", "فارسي", "انگلیسی", "de", "fa en", ""), joined),
  )
  .map(([keyword, rest]) => keyword + rest);

export const commandTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: plausible },
  { weight: 1, arbitrary: languageCommand },
  { weight: 4, arbitrary: joined },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: long },
);
