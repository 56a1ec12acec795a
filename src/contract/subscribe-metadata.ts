import * as z from "zod";
import { LIMITS } from "../render/limits";

/**
 * What the subscribe modal remembers in `private_metadata`: the channel it subscribes (a modal's
 * submission names no channel), the digest it edits, and the `response_url` of the command or
 * click it was opened from, to answer through once the modal is closed.
 */
const wireSchema = z
  .object({
    v: z.literal(1),
    c: z.string().regex(/^[CGD][A-Z0-9]{2,40}$/),
    s: z.number().int().min(1).optional(),
    r: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

export interface SubscribeMetadata {
  channelId: string;
  /** Set when the modal edits this digest; unset when it subscribes anew. */
  subscriptionId?: number;
  responseUrl?: string;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const subscribeMetadataSchema = z.codec(
  z.string().max(LIMITS.modal.privateMetadata),
  z.object({
    channelId: z.string(),
    subscriptionId: z.number().optional(),
    responseUrl: z.string().optional(),
  }),
  {
    decode: (text, ctx) => {
      const parsed = wireSchema.safeParse(parseJson(text));
      if (parsed.success) {
        const { c, s, r } = parsed.data;
        return {
          channelId: c,
          ...(s !== undefined && { subscriptionId: s }),
          ...(r !== undefined && { responseUrl: r }),
        };
      }
      ctx.issues.push({
        code: "custom",
        message: "not a subscribe modal of this bot",
        input: text,
      });
      return z.NEVER;
    },
    encode: (m) =>
      JSON.stringify(
        wireSchema.parse({ v: 1, c: m.channelId, s: m.subscriptionId, r: m.responseUrl }),
      ),
  },
);

export const encodeSubscribeMetadata = (m: SubscribeMetadata): string =>
  subscribeMetadataSchema.encode(m);

/** The modal's metadata, or `undefined` for anything not ours: never a throw. */
export const decodeSubscribeMetadata = (raw: string | undefined): SubscribeMetadata | undefined => {
  const parsed = subscribeMetadataSchema.safeDecode(raw ?? "");
  return parsed.success ? parsed.data : undefined;
};
