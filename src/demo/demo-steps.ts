/** What a person can type at the demo's prompt (or pass as arguments). */

export type PageStep = "next" | "prev" | "refresh";

export type DemoStep =
  | { kind: "command"; text: string }
  | { kind: "page"; which: PageStep }
  | { kind: "details"; row: number }
  | { kind: "digest" }
  | { kind: "json" }
  | { kind: "help" }
  | { kind: "quit" };

export type ParsedStep = { ok: true; step: DemoStep } | { ok: false; problem: string };

export const STEP_HELP = `Steps:
  /tickets …      the slash command, with any arguments (e.g. /tickets state:2 user:ali.rezaei)
  next, prev      click ◀ Previous / Next ▶ on the last list
  refresh         click Refresh on the last list
  details N       click Details on the Nth row of the last list (opens a modal)
  digest          /tickets digest: the digest of tickets waiting for support, as it would be posted
  json            print the last message as raw Block Kit JSON
  help            this list
  quit            stop everything (Ctrl-C does too)`;

const SIMPLE: Readonly<Record<string, DemoStep>> = {
  next: { kind: "page", which: "next" },
  prev: { kind: "page", which: "prev" },
  previous: { kind: "page", which: "prev" },
  refresh: { kind: "page", which: "refresh" },
  digest: { kind: "digest" },
  json: { kind: "json" },
  help: { kind: "help" },
  "?": { kind: "help" },
  quit: { kind: "quit" },
  exit: { kind: "quit" },
};

export const parseStep = (input: string): ParsedStep => {
  const line = input.trim();
  const command = /^\/tickets(?:\s+([\s\S]*))?$/.exec(line);
  if (command) return { ok: true, step: { kind: "command", text: command[1] ?? "" } };
  if (line.startsWith("/")) {
    const name = line.split(/\s/, 1)[0];
    return { ok: false, problem: `unknown command ${name}: the bot has only /tickets` };
  }
  const [word = "", ...rest] = line.split(/\s+/);
  const lower = word.toLowerCase();
  if (lower === "details") {
    const [n, ...extra] = rest;
    if (n === undefined || extra.length > 0 || !/^\d+$/.test(n) || Number(n) < 1) {
      return { ok: false, problem: `"${line}": say which row, e.g. "details 1"` };
    }
    return { ok: true, step: { kind: "details", row: Number(n) } };
  }
  const simple = Object.hasOwn(SIMPLE, lower) ? SIMPLE[lower] : undefined;
  if (simple && rest.length === 0) return { ok: true, step: simple };
  return { ok: false, problem: `unknown step "${line}" (type "help" for the list)` };
};
