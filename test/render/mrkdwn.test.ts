import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ELLIPSIS,
  escapeMrkdwn,
  fitEscaped,
  neutralizeFormatting,
  oneLine,
  safeCode,
  safeLongText,
  safeMrkdwn,
  safeText,
  slackDate,
  stripBidiControls,
} from "../../src/render/mrkdwn";

const FC_SEED = 20250102;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);
const unescapeEntities = (s: string) =>
  s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

const FAMILY = "👨‍👩‍👧‍👦";
const FLAG = "🇮🇷";
const PERSIAN = "سلام، تیکت من بسته نشد";

describe("escapeMrkdwn", () => {
  it("escapes & first, then < and >", () => {
    expect(escapeMrkdwn("<!channel> & &amp; >")).toBe("&lt;!channel&gt; &amp; &amp;amp; &gt;");
  });

  it("leaves other markdown-looking text alone", () => {
    expect(escapeMrkdwn("*_~`|")).toBe("*_~`|");
  });
});

describe("oneLine", () => {
  it("turns every run of whitespace into one space, and trims", () => {
    expect(oneLine(" a  b\tc\n\n d \u00a0e\u2028f ")).toBe("a b c d e f");
    const words = "one two three";
    expect(oneLine(words)).toBe(words);
  });

  it("reads as the plain definition does, whatever the whitespace", () => {
    const unit = fc.constantFrom(
      "a",
      "é",
      " ",
      "\t",
      "\n",
      "\r",
      "\u00a0",
      "\u2028",
      "\u3000",
      "\ufeff",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(oneLine(text)).toBe(text.replace(/\s+/gu, " ").trim());
      }),
      { seed: FC_SEED, numRuns: 2000 },
    );
  });
});

describe("stripBidiControls", () => {
  it("removes embeddings, overrides and isolates but keeps RTL text and marks", () => {
    const bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(stripBidiControls(`${bidi}${PERSIAN}\u200F`)).toBe(`${PERSIAN}\u200F`);
  });

  it("removes C0 controls except newline and tab", () => {
    expect(stripBidiControls("a\u0000b\u0007c\rd\ne\tf\u001bg\u007f")).toBe("abcd\ne\tfg");
  });
});

describe("safeText cuts whole graphemes only", () => {
  it("returns short text unchanged", () => {
    expect(safeText("hello", 5)).toBe("hello");
  });

  it("cuts with an ellipsis within the limit", () => {
    expect(safeText("hello world", 6)).toBe(`hello${ELLIPSIS}`);
  });

  it("never splits a ZWJ family, a flag or a Persian letter with its marks", () => {
    const text = `${FAMILY}${FLAG}${FAMILY}`;
    for (let max = 0; max <= text.length; max++) {
      const cut = safeText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const kept = cut.endsWith(ELLIPSIS) ? cut.slice(0, -1) : cut;
      expect(text.startsWith(kept)).toBe(true);
      expect(graphemes(kept).every((g) => [FAMILY, FLAG].includes(g))).toBe(true);
    }
    const marked = "مُحَمَّد";
    for (let max = 0; max <= marked.length; max++) {
      const kept = safeText(marked, max).replace(ELLIPSIS, "");
      expect(graphemes(marked).slice(0, graphemes(kept).length).join("")).toBe(kept);
    }
  });

  it("holds for any text (property)", () => {
    console.log(`fast-check seed ${FC_SEED}`);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.nat(80), (text, max) => {
        const cut = safeText(text, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        const whole = stripBidiControls(text);
        const untouched = cut === escapeMrkdwn(whole);
        const kept = unescapeEntities(
          cut.endsWith(ELLIPSIS) && !untouched ? cut.slice(0, -1) : cut,
        );
        expect(graphemes(whole).slice(0, graphemes(kept).length).join("")).toBe(kept);
      }),
      { numRuns: 300, seed: FC_SEED },
    );
  });
});

describe("safeText", () => {
  it("strips, escapes and fits the escaped length", () => {
    expect(safeText("\u202Ea<b>", 100)).toBe("a&lt;b&gt;");
    expect(safeText("&&&&", 12)).toBe(`&amp;&amp;${ELLIPSIS}`);
  });

  it("never cuts inside an entity and never exceeds the limit (property)", () => {
    const unit = fc.constantFrom("&", "<", ">", "a", "ب", FAMILY, FLAG, "\u202E", "é", " ");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.nat(60), (units, max) => {
        const raw = units.join("");
        const out = safeText(raw, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(out).not.toMatch(/[<>\u202E]/);
        const kept = unescapeEntities(out.endsWith(ELLIPSIS) ? out.slice(0, -1) : out);
        expect(stripBidiControls(raw).startsWith(kept)).toBe(true);
      }),
      { numRuns: 300, seed: FC_SEED },
    );
  });

  it("replaces lone surrogates, which Slack could not decode", () => {
    expect(safeText("a\uD800b", 10)).toBe("a\uFFFDb");
  });

  it("gives text that fits what stripping, mending and escaping give it, for any code units (property)", () => {
    const unit = fc.oneof(
      fc.constantFrom(
        "&",
        "<",
        ">",
        "\uD83D",
        "\uDE00",
        "\u202E",
        "\u2067",
        "\u0000",
        "\r",
        "\n",
        "\t",
        "\u007F",
      ),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (raw) => {
        expect(safeText(raw, 1000)).toBe(
          escapeMrkdwn(stripBidiControls(raw).replace(/[\uD800-\uDFFF]/gu, "\uFFFD")),
        );
      }),
      { numRuns: 500, seed: FC_SEED },
    );
  });
});

describe("safeLongText", () => {
  it("keeps lines, shortens blank runs and trailing spaces, strips overrides, escapes", () => {
    expect(safeLongText("a <b>  \r\n\n\n\n\u202Ec & d\n\n", 100, 50)).toEqual({
      pieces: ["a &lt;b&gt;\n\nc &amp; d"],
      cut: false,
    });
  });

  it("gives nothing for blank text", () => {
    expect(safeLongText(" \n\t\n ", 100, 50)).toEqual({ pieces: [], cut: false });
  });

  it("cuts with an ellipsis and says so", () => {
    expect(safeLongText("hello world", 6, 50)).toEqual({ pieces: [`hello${ELLIPSIS}`], cut: true });
  });

  it("breaks a piece after a line when one ends in its second half", () => {
    const { pieces } = safeLongText(`${"a".repeat(7)}\n${"b".repeat(7)}`, 100, 10);
    expect(pieces).toEqual([`${"a".repeat(7)}\n`, "b".repeat(7)]);
  });

  it("never splits an entity or a grapheme across pieces", () => {
    const { pieces } = safeLongText(`${"&".repeat(9)}${FAMILY}${FAMILY}`, 100, 12);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(12);
      expect(piece).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(pieces.join("")).toBe(`${"&amp;".repeat(9)}${FAMILY}${FAMILY}`);
    expect(pieces.filter((p) => p.includes(FAMILY))).toEqual([FAMILY, FAMILY]);
  });

  it("splits a grapheme longer than a piece by code point rather than overflow", () => {
    const huge = `a${"\u0301".repeat(30)}`;
    const { pieces } = safeLongText(huge, 100, 10);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(10);
    expect(pieces.join("")).toBe(huge);
  });

  it("holds for any text (property)", () => {
    const unit = fc.constantFrom("&", "<", ">", "a", "ب", FAMILY, FLAG, "\u202E", "\n", " ", "é");
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 200 }),
        fc.nat(300),
        fc.integer({ min: 12, max: 60 }),
        (units, max, pieceLen) => {
          const raw = units.join("");
          const { pieces, cut } = safeLongText(raw, max, pieceLen);
          const joined = pieces.join("");
          expect(joined.length).toBeLessThanOrEqual(max);
          for (const piece of pieces) {
            expect(piece.length).toBeGreaterThan(0);
            expect(piece.length).toBeLessThanOrEqual(pieceLen);
            expect(piece).not.toMatch(/&(?!amp;|lt;|gt;)/);
            expect(piece).not.toMatch(/[<>\u202E]/);
          }
          const kept = unescapeEntities(cut ? joined.slice(0, -1) : joined);
          const tidy = stripBidiControls(raw)
            .replace(/[ \t]+$/gmu, "")
            .replace(/\n{3,}/gu, "\n\n")
            .trim();
          expect(graphemes(tidy).slice(0, graphemes(kept).length).join("")).toBe(kept);
          if (!cut) expect(kept).toBe(tidy);
        },
      ),
      { numRuns: 300, seed: FC_SEED },
    );
  });
});

describe("fitEscaped", () => {
  it("shortens escaped text without breaking an entity", () => {
    expect(fitEscaped("a &amp; b &lt;c&gt;", 9)).toBe(`a &amp; ${ELLIPSIS}`);
    expect(fitEscaped("a &amp; b", 7)).toBe(`a ${ELLIPSIS}`);
    expect(fitEscaped("short", 10)).toBe("short");
  });
});

describe("safeMrkdwn", () => {
  it("turns formatting characters into look-alikes, keeping intra-word underscores", () => {
    const out = safeMrkdwn("*bold* _it_ ~s~ `c` snake_case", 100);
    expect(out).not.toMatch(/[*~`]/);
    expect(out).toContain("snake_case");
    expect(out).not.toContain("_it_");
    expect(neutralizeFormatting("a*b").length).toBe(3);
  });
});

describe("safeCode", () => {
  it("cannot end a code span early", () => {
    expect(safeCode("a`b <c>\nd", 50)).toBe("aˋb &lt;c&gt; d");
  });
});

describe("slackDate", () => {
  it("writes a date token with an escaped fallback", () => {
    const date = new Date("2025-01-01T11:00:00Z");
    expect(slackDate(date, "2025-01-01 11:00 UTC")).toBe(
      "<!date^1735729200^{date_short_pretty} {time}|2025-01-01 11:00 UTC>",
    );
    expect(slackDate(date, "a|b>c<d&", "{time}")).toBe(
      "<!date^1735729200^{time}|a¦b&gt;c&lt;d&amp;>",
    );
  });

  it("falls back to the text alone for an invalid date", () => {
    expect(slackDate(new Date(Number.NaN), "never")).toBe("never");
  });
});
