import * as z from "zod";
import { LIMITS } from "../render/limits";

/**
 * Which digest a button of `/tickets digests` is for, in its `value`: `{"v":1,"s":12}`. Only the
 * id travels; who may do what to it is decided again on the click, from the store.
 */
const wireSchema = z.object({ v: z.literal(1), s: z.number().int().min(1) }).strict();

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const digestRefSchema = z.codec(
  z.string().max(LIMITS.button.value),
  z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  {
    decode: (text, ctx) => {
      const parsed = wireSchema.safeParse(parseJson(text));
      if (parsed.success) return parsed.data.s;
      ctx.issues.push({ code: "custom", message: "not a digest of this bot", input: text });
      return z.NEVER;
    },
    encode: (id) => JSON.stringify(wireSchema.parse({ v: 1, s: id })),
  },
);

export const encodeDigestRef = (subscriptionId: number): string =>
  digestRefSchema.encode(subscriptionId);

/** The digest a button is for; `undefined` for anything else, never a throw. */
export const decodeDigestRef = (value: string | undefined): number | undefined => {
  const parsed = digestRefSchema.safeDecode(value ?? "");
  return parsed.success ? parsed.data : undefined;
};
