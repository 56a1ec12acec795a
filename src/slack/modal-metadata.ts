import { z } from "zod";

/**
 * What a details modal remembers in `private_metadata`: a click inside a modal carries no
 * `response_url`, so the one of the message the modal was opened from is kept for Share.
 */
const modalMetadataSchema = z.object({
  v: z.literal(1),
  r: z.url({ protocol: /^https?$/ }).optional(),
});

export type ModalMetadata = { responseUrl?: string };

export const encodeModalMetadata = (m: ModalMetadata): string =>
  JSON.stringify(modalMetadataSchema.parse({ v: 1, r: m.responseUrl }));

export const decodeModalMetadata = (raw: string | undefined): ModalMetadata => {
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? { responseUrl: parsed.data.r } : {};
  } catch {
    return {};
  }
};
