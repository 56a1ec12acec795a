import { LANGUAGES, type Language } from "../i18n";
import { isKnownTimeZone } from "../i18n/format-time";

/**
 * `npm run demo -- [flags] [steps…]`. Everything the demo depends on comes from here, never
 * from the environment or a `.env`, so it cannot reach a real workspace or panel by accident.
 */

export interface DemoRunOptions {
  mode: "demo";
  /** Run these and exit; none: prompt for steps. */
  steps: string[];
  /** Fixed "now" for the data and the bot, so a transcript is reproducible; unset: the real clock. */
  now: Date | undefined;
  /** `undefined`: the language's own zone, as the bot picks it when DIGEST_TIMEZONE is unset. */
  timeZone: string | undefined;
  /** The bot's BOT_LANGUAGE. */
  language: Language;
  /** `undefined`: decided by the terminal (NO_COLOR, FORCE_COLOR, a TTY). */
  color: boolean | undefined;
}

export interface ServeApiOptions {
  mode: "serve-api";
  port: number;
  /** `undefined`: a fresh random token, printed at start. */
  token: string | undefined;
  now: Date | undefined;
}

export type DemoOptions = DemoRunOptions | ServeApiOptions | { mode: "usage" };

export type ParsedDemoArgs = { ok: true; options: DemoOptions } | { ok: false; problem: string };

/** Next to the bot's own default (3000), so a real Slack app's `.env` can keep pointing at it. */
export const DEFAULT_API_PORT = 3001;

export const DEMO_USAGE = `Usage:
  npm run demo                                   prompt for steps (type "help")
  npm run demo -- "/tickets state:2" next …      run these steps, print each answer, exit
  npm run demo -- --serve-api [--port N] [--token T]
                                                 only the sample ticket API, for a real Slack app

Flags:
  --now 2026-01-15T09:00:00Z   fixed time for the sample data and the bot (reproducible output)
  --lang fa                    the bot's language: ${LANGUAGES.join(" or ")} (default en)
  --tz Europe/Berlin           time zone the bot and the terminal show times in (default UTC;
                               Asia/Tehran with --lang fa)
  --color, --no-color          force colour on or off (default: NO_COLOR, FORCE_COLOR, a terminal)
  --port N                     with --serve-api: port on 127.0.0.1 (default ${DEFAULT_API_PORT}; 0 picks one)
  --token T                    with --serve-api: the Authorization value to accept (default random)`;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const parseNow = (value: string): Date | undefined => {
  if (!ISO_INSTANT.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const parsePort = (value: string): number | undefined => {
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
};

const WITH_VALUE = new Set(["--now", "--tz", "--lang", "--port", "--token"]);

const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

export const parseDemoArgs = (argv: readonly string[]): ParsedDemoArgs => {
  const steps: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--") && arg !== "-h") {
      steps.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (WITH_VALUE.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { ok: false, problem: `${name} needs a value` };
      values.set(name, value);
    } else if (["--serve-api", "--color", "--no-color", "--help", "-h"].includes(arg)) {
      switches.add(arg);
    } else {
      return { ok: false, problem: `unknown flag ${arg}` };
    }
  }
  if (switches.has("--help") || switches.has("-h")) return { ok: true, options: { mode: "usage" } };

  const rawNow = values.get("--now");
  const now = rawNow === undefined ? undefined : parseNow(rawNow);
  if (rawNow !== undefined && now === undefined) {
    return {
      ok: false,
      problem: `--now ${rawNow} is not an ISO time such as 2026-01-15T09:00:00Z`,
    };
  }

  if (switches.has("--serve-api")) {
    if (steps.length > 0) {
      return { ok: false, problem: `--serve-api takes no steps (got "${steps[0]}")` };
    }
    const rawPort = values.get("--port");
    const port = rawPort === undefined ? DEFAULT_API_PORT : parsePort(rawPort);
    if (port === undefined) return { ok: false, problem: `--port ${rawPort} is not a port number` };
    const token = values.get("--token");
    if (token !== undefined && token.trim() === "") {
      return { ok: false, problem: "--token must not be empty" };
    }
    return { ok: true, options: { mode: "serve-api", port, token, now } };
  }

  for (const name of ["--port", "--token"]) {
    if (values.has(name)) return { ok: false, problem: `${name} only goes with --serve-api` };
  }
  const language = values.get("--lang")?.toLowerCase() ?? "en";
  if (!isLanguage(language)) {
    return {
      ok: false,
      problem: `--lang ${values.get("--lang")} is not one of ${LANGUAGES.join(", ")}`,
    };
  }
  if (switches.has("--color") && switches.has("--no-color")) {
    return { ok: false, problem: "--color and --no-color contradict each other" };
  }
  const timeZone = values.get("--tz");
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
    return { ok: false, problem: `--tz ${timeZone} is not a time zone such as Europe/Berlin` };
  }
  const color = switches.has("--color") ? true : switches.has("--no-color") ? false : undefined;
  return {
    ok: true,
    options: { mode: "demo", steps, now, timeZone, language, color },
  };
};
