import * as z from "zod";
import { LIMITS } from "../render/limits";

/**
 * What a details modal remembers in `private_metadata`: a click inside a modal carries no
 * `response_url`, so the one of the message the modal was opened from is kept for Share.
 * `v` changes whenever the shape does; a modal of an older shape decodes to nothing kept.
 */
const wireSchema = z.object({
  v: z.literal(1),
  r: z.url({ protocol: /^https?$/ }).optional(),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export interface ModalMetadata {
  responseUrl?: string;
}

/** The one schema both directions go through: `private_metadata` ⇄ `ModalMetadata`. */
export const modalMetadataSchema = z.codec(
  z.string().max(LIMITS.modal.privateMetadata),
  z.object({ responseUrl: z.string().optional() }),
  {
    decode: (text, ctx) => {
      const parsed = wireSchema.safeParse(parseJson(text));
      if (parsed.success) return { responseUrl: parsed.data.r };
      ctx.issues.push({ code: "custom", message: "not a modal metadata of this bot", input: text });
      return z.NEVER;
    },
    encode: (m) => JSON.stringify(wireSchema.parse({ v: 1, r: m.responseUrl })),
  },
);

export const encodeModalMetadata = (m: ModalMetadata): string => modalMetadataSchema.encode(m);

/** Whatever a modal holds, never a throw: anything not ours keeps nothing. */
export const decodeModalMetadata = (raw: string | undefined): ModalMetadata => {
  const parsed = modalMetadataSchema.safeDecode(raw ?? "");
  return parsed.success && parsed.data.responseUrl !== undefined
    ? { responseUrl: parsed.data.responseUrl }
    : {};
};
