/** Walks a Slack message and collects what tests look at. */

const strings = (value: unknown, out: string[] = []): string[] => {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object")
    for (const v of Object.values(value)) strings(v, out);
  return out;
};

/** Every string in a message (text, blocks, buttons), joined: for "the user can read X" checks. */
export const allText = (message: unknown): string => strings(message).join("\n");

export interface ButtonElement {
  type: "button";
  action_id: string;
  value?: string;
  text: { text: string };
  url?: string;
}

export const buttonsOf = (message: { blocks?: unknown[] } | unknown): ButtonElement[] => {
  const found: ButtonElement[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "button") found.push(o as unknown as ButtonElement);
      Object.values(o).forEach(walk);
    }
  };
  walk((message as { blocks?: unknown[] }).blocks ?? []);
  return found;
};
