import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import * as z from "zod";
import { validateSchedule } from "./digest/schedule";
import { icuSupports, LANGUAGES, type Language, timeZoneFor } from "./i18n";
import { isKnownTimeZone } from "./i18n/format-time";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from "./logger";

/**
 * The one module that reads the environment (and the secret files it names). Everything else
 * receives a parsed config. Values are cleaned once: surrounding spaces and newlines dropped, an
 * empty value unset. A bad setting is reported by name, never by value, all problems at once.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const reasonOf = (error: unknown) =>
  error instanceof Error && "code" in error ? String(error.code) : String(error);

/** `process.env`, over whatever `.env` in the working directory holds (the real environment wins). */
export const readEnvironment = (envFile = ".env"): Environment => {
  let fromFile: Environment = {};
  if (existsSync(envFile)) {
    try {
      fromFile = parseEnv(readFileSync(envFile, "utf8"));
    } catch (error) {
      throw new ConfigError([`${envFile} could not be read (${reasonOf(error)})`]);
    }
  }
  return { ...fromFile, ...process.env };
};

/** Secrets that may be given as a file instead (`SLACK_BOT_TOKEN_FILE=/run/secrets/…`). */
export const SECRET_SETTINGS = [
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "TICKET_API_TOKEN",
  "DATABASE_URL",
] as const;

export interface TicketApiConfig {
  url: string;
  token: string;
  timeoutMs: number;
  /** Template of a ticket's page in the panel, with `{id}`; unset: no links. */
  webUrl: string | undefined;
}

/** What any Web API caller needs: the bot and `npm run digest` alike. */
export interface SlackApiConfig {
  botToken: string;
  apiUrl: string | undefined;
}

export interface SlackConfig extends SlackApiConfig {
  appToken: string | undefined;
  signingSecret: string | undefined;
  /** HTTP mode: Slack's requests and the health routes. */
  port: number;
  /** Socket Mode: where `/healthz` and `/readyz` are served; unset: not served. */
  healthPort: number | undefined;
  /** The only origin (scheme, host, port) `response_url` answers are posted to. */
  hooksOrigin: string;
  mode: "socket" | "http";
}

export interface DigestConfig {
  channels: string[];
  /** `undefined` when the in-process schedule is off. */
  schedule: string | undefined;
  timeZone: string;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  /** ALERT_CHANNEL: where operators hear of every digest's failure and recovery. */
  alertChannel: string | undefined;
}

/** Who may read tickets. An empty list means "not restricted by this setting". */
export interface AccessConfig {
  userIds: string[];
  channelIds: string[];
}

export interface LogConfig {
  level: LogLevel;
  format: LogFormat;
}

/** Where subscriptions, digest runs, preferences and saved views are kept. */
export type StoreConfig = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };

export const DEFAULT_DATABASE_PATH = "./data/tickets.db";

/** What both entry points run on; `buildServices` takes this. */
export interface ServicesConfig {
  slack: SlackApiConfig;
  ticketApi: TicketApiConfig;
  digest: DigestConfig;
  access: AccessConfig;
  log: LogConfig;
  /** The workspace's language: everyone's who has not chosen their own, and the digest's. */
  language: Language;
  /**
   * DIGEST_TIMEZONE as set: the zone every reader sees times in. `undefined`: each reader's
   * language has its own (`timeZoneFor`), so a person who chose Persian gets Tehran time.
   */
  configuredTimeZone: string | undefined;
  store: StoreConfig;
}

export interface BotConfig extends ServicesConfig {
  slack: SlackConfig;
}

/** What `npm run digest` needs: no signing secret, no app token, no port. */
export type DigestJobConfig = ServicesConfig;

const required = (what: string) => ({
  error: (i: { input: unknown }) => (i.input === undefined ? "is required" : what),
});

// Header values must be ASCII; a pasted smart quote or no-break space would otherwise fail
// deep inside fetch with a stack trace instead of a sentence naming the setting.
const NOT_ASCII = /[^\x20-\x7e]/;
const NOT_ASCII_MESSAGE =
  "has a character that is not plain ASCII (a quote or space copied along with it?)";

const secret = (pattern: RegExp, what: string) =>
  z.string(required(what)).superRefine((value, ctx) => {
    if (NOT_ASCII.test(value)) ctx.addIssue({ code: "custom", message: NOT_ASCII_MESSAGE });
    else if (!pattern.test(value)) ctx.addIssue({ code: "custom", message: `must be ${what}` });
  });

const httpUrl = (what: string, credentialsHint = "") =>
  z.string(required(`must be ${what}`)).superRefine((value, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return problem(`must be ${what}`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return problem(`must be ${what}`);
    if (url.username || url.password)
      return problem(`must not contain a user name or password${credentialsHint}`);
    if (url.port === "0")
      return problem("must not use port 0: leave the port out or give a real one");
  });

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

/** Where Slack's `response_url`s live; GovSlack-style deployments have their own. */
export const DEFAULT_SLACK_HOOKS_URL = "https://hooks.slack.com";

const httpOrigin = (example: string) =>
  z
    .string()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (
          (u.protocol === "http:" || u.protocol === "https:") &&
          u.pathname === "/" &&
          !u.search &&
          !u.hash &&
          !u.username &&
          !u.password &&
          u.port !== "0"
        );
      } catch {
        return false;
      }
    }, `must be an http(s) origin: scheme, host and port only, no path, such as ${example}`)
    .transform((s) => new URL(s).origin);

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
  schema.optional().transform((v) => v ?? fallback);

/** A comma-separated list of Slack IDs; `pattern` says which kind, `what` shows one. */
const idList = (pattern: RegExp, what: string) =>
  withDefault(
    z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((c) => pattern.test(c)), `must be ${what}, comma-separated`),
    [],
  );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(values, `must be one of ${values.join(", ")}`));

const postgresUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === "postgres:" || u.protocol === "postgresql:";
  } catch {
    return false;
  }
}, "must be a PostgreSQL URL such as postgres://user:password@db.example.com:5432/tickets (for SQLite, set DATABASE_PATH instead)");

const channelList = idList(/^[CGD][A-Z0-9]{2,}$/, "channel IDs such as C0123456789 (not #names)");
const port = wholeNumber(1, 65_535);

/** Every setting, by the name people set; the docs test reads the names from here. */
const settingsSchema = z.object({
  SLACK_BOT_TOKEN: secret(/^xoxb-\S+$/, "a bot token: xoxb- followed by the rest of it"),
  SLACK_APP_TOKEN: secret(
    /^xapp-\S+$/,
    "an app-level token: xapp- followed by the rest of it",
  ).optional(),
  SLACK_SIGNING_SECRET: secret(/^\S+$/, "the signing secret, without spaces").optional(),
  PORT: withDefault(port, 3000),
  HEALTH_PORT: port.optional(),
  SLACK_API_URL: httpUrl("an http(s) URL").optional(),
  SLACK_HOOKS_URL: withDefault(httpOrigin(DEFAULT_SLACK_HOOKS_URL), DEFAULT_SLACK_HOOKS_URL),
  TICKET_API_URL: httpUrl(
    "an http(s) URL such as https://panel.example.com",
    " (the panel's token goes in TICKET_API_TOKEN)",
  ).refine(
    (s) => !URL.canParse(s) || (new URL(s).search === "" && new URL(s).hash === ""),
    "must not have a query (?…) or fragment (#…): the bot adds /api/ticket and its own query",
  ),
  TICKET_API_TOKEN: secret(/^.+$/, "the panel's API token"),
  TICKET_WEB_URL: httpUrl("an http(s) URL template such as https://panel.example.com/tickets/{id}")
    .refine((s) => s.includes("{id}"), "must contain {id}, where the ticket number goes")
    .optional(),
  TICKET_API_TIMEOUT_MS: withDefault(wholeNumber(100, 120_000), 10_000),
  ALLOWED_USER_IDS: idList(/^[UW][A-Z0-9]{2,}$/, "user IDs such as U0123456789 (not @names)"),
  ALLOWED_CHANNEL_IDS: channelList,
  DIGEST_CHANNEL: channelList,
  DIGEST_SCHEDULE: z.string().optional(),
  // Unset: the language's own zone (UTC for en, Asia/Tehran for fa), see `timeZoneFor`.
  DIGEST_TIMEZONE: z
    .string()
    .refine(isKnownTimeZone, "must be an IANA time zone such as Europe/Berlin")
    .optional(),
  DIGEST_TOP: withDefault(wholeNumber(1, 20), 10),
  DIGEST_OVERDUE_HOURS: withDefault(wholeNumber(1, 24 * 365), 24),
  DIGEST_POST_WHEN_EMPTY: withDefault(oneOf(["true", "false"]), "false"),
  ALERT_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, "must be one channel ID such as C0123456789 (not a #name)")
    .optional(),
  LOG_LEVEL: withDefault(oneOf(LOG_LEVELS), "info"),
  LOG_FORMAT: withDefault(oneOf(LOG_FORMATS), "text"),
  BOT_LANGUAGE: withDefault(oneOf(LANGUAGES), "en").refine(
    icuSupports,
    "needs a Node with full ICU data (official builds have it): this one cannot write Persian dates and digits",
  ),
  DATABASE_PATH: withDefault(z.string(), DEFAULT_DATABASE_PATH),
  DATABASE_URL: postgresUrl.optional(),
});

type Settings = z.output<typeof settingsSchema>;
type SettingName = keyof Settings;

export const SETTING_NAMES = Object.keys(settingsSchema.shape) as SettingName[];
export const SECRET_FILE_SETTINGS = SECRET_SETTINGS.map((name) => `${name}_FILE` as const);

/** Settings only the running bot reads; `npm run digest` ignores them. */
const BOT_ONLY = {
  SLACK_APP_TOKEN: true,
  SLACK_SIGNING_SECRET: true,
  PORT: true,
  HEALTH_PORT: true,
  SLACK_HOOKS_URL: true,
} as const;

const DEFAULT_SCHEDULE = "0 9 * * *";

/**
 * The raw value of every setting, cleaned once: `NAME_FILE` read for secrets, surrounding
 * whitespace (a Kubernetes secret made with `echo` ends in a newline) dropped, empty as unset.
 */
const cleanSettings = (env: Environment, problems: string[]) => {
  const cleaned: Partial<Record<SettingName, string>> = {};
  const isSet = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";
  for (const name of SETTING_NAMES) {
    let value = env[name];
    const fileName = `${name}_FILE`;
    const file = (SECRET_SETTINGS as readonly string[]).includes(name) ? env[fileName] : undefined;
    if (isSet(file)) {
      if (isSet(value)) {
        problems.push(`${name} and ${fileName} are both set: keep one`);
        continue;
      }
      try {
        value = readFileSync(file.trim(), "utf8");
      } catch (error) {
        problems.push(`${fileName} names a file that cannot be read (${reasonOf(error)})`);
        continue;
      }
      if (!isSet(value)) {
        problems.push(`${fileName} names an empty file`);
        continue;
      }
    }
    if (isSet(value)) cleaned[name] = value.trim();
  }
  return cleaned;
};

const withTrailingSlash = (url: string | undefined) =>
  url === undefined || url.endsWith("/") ? url : `${url}/`;

type Cleaned = Partial<Record<SettingName, string>>;

const scheduleProblem = (cleaned: Cleaned) => {
  if (!("DIGEST_SCHEDULE" in cleaned) && !("DIGEST_TIMEZONE" in cleaned)) return undefined;
  const schedule = cleaned.DIGEST_SCHEDULE ?? DEFAULT_SCHEDULE;
  if (schedule.toLowerCase() === "off") return undefined;
  // Judged in UTC when the zone is bad, so that one mistake does not hide the other.
  const zone = cleaned.DIGEST_TIMEZONE;
  const problem = validateSchedule(schedule, zone && isKnownTimeZone(zone) ? zone : "UTC");
  return problem && `DIGEST_SCHEDULE ${problem}`;
};

// A digest must not carry tickets into a channel where people may not read them.
const digestChannelProblem = (cleaned: Cleaned) => {
  const digest = settingsSchema.shape.DIGEST_CHANNEL.safeParse(cleaned.DIGEST_CHANNEL);
  const allowed = settingsSchema.shape.ALLOWED_CHANNEL_IDS.safeParse(cleaned.ALLOWED_CHANNEL_IDS);
  if (!digest.success || !allowed.success || allowed.data.length === 0) return undefined;
  const outside = digest.data.filter((c) => !allowed.data.includes(c));
  return outside.length === 0
    ? undefined
    : `DIGEST_CHANNEL has ${outside.join(", ")}, which ALLOWED_CHANNEL_IDS does not allow: add it there or remove it from DIGEST_CHANNEL`;
};

/**
 * Cleans, parses and cross-checks; `needs` adds what one entry point requires on top. Every
 * problem is collected before anything is thrown, so one mistake never hides another.
 */
const parseSettings = <S extends z.ZodObject>(
  env: Environment,
  schema: S,
  needs: (cleaned: Cleaned) => string | undefined,
): z.output<S> => {
  const problems: string[] = [];
  const cleaned = cleanSettings(env, problems);
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0]);
      // A secret whose file could not be read is already named once.
      if (!problems.some((p) => p.startsWith(`${name} `) || p.startsWith(`${name}_FILE `))) {
        problems.push(`${name} ${issue.message}`);
      }
    }
  }
  for (const problem of [needs(cleaned), scheduleProblem(cleaned), digestChannelProblem(cleaned)]) {
    // A setting already named (a secret file that could not be read) is not named twice.
    if (problem && !problems.some((p) => p.startsWith(problem.split(" ")[0] ?? ""))) {
      problems.push(problem);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
};

const servicesConfigOf = (s: Omit<Settings, keyof typeof BOT_ONLY>): ServicesConfig => {
  const schedule = s.DIGEST_SCHEDULE ?? DEFAULT_SCHEDULE;
  return {
    slack: { botToken: s.SLACK_BOT_TOKEN, apiUrl: withTrailingSlash(s.SLACK_API_URL) },
    ticketApi: {
      url: s.TICKET_API_URL,
      token: s.TICKET_API_TOKEN,
      timeoutMs: s.TICKET_API_TIMEOUT_MS,
      webUrl: s.TICKET_WEB_URL,
    },
    digest: {
      channels: s.DIGEST_CHANNEL,
      schedule: schedule.toLowerCase() === "off" ? undefined : schedule,
      timeZone: timeZoneFor(s.BOT_LANGUAGE, s.DIGEST_TIMEZONE),
      top: s.DIGEST_TOP,
      overdueHours: s.DIGEST_OVERDUE_HOURS,
      postWhenEmpty: s.DIGEST_POST_WHEN_EMPTY === "true",
      alertChannel: s.ALERT_CHANNEL,
    },
    access: { userIds: s.ALLOWED_USER_IDS, channelIds: s.ALLOWED_CHANNEL_IDS },
    log: { level: s.LOG_LEVEL, format: s.LOG_FORMAT },
    language: s.BOT_LANGUAGE,
    configuredTimeZone: s.DIGEST_TIMEZONE,
    store: storeConfigOf(s),
  };
};

/** DATABASE_URL (PostgreSQL) wins over DATABASE_PATH (SQLite, the default). */
const storeConfigOf = (s: Pick<Settings, "DATABASE_PATH" | "DATABASE_URL">): StoreConfig =>
  s.DATABASE_URL
    ? { engine: "postgres", url: s.DATABASE_URL }
    : { engine: "sqlite", path: s.DATABASE_PATH };

/** `npm start`: everything the running bot needs. Throws `ConfigError` naming every problem. */
export const loadBotConfig = (env: Environment): BotConfig => {
  const settings = parseSettings(env, settingsSchema, (cleaned) =>
    cleaned.SLACK_APP_TOKEN || cleaned.SLACK_SIGNING_SECRET
      ? undefined
      : "SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
  );
  const services = servicesConfigOf(settings);
  return {
    ...services,
    slack: {
      ...services.slack,
      appToken: settings.SLACK_APP_TOKEN,
      signingSecret: settings.SLACK_SIGNING_SECRET,
      port: settings.PORT,
      healthPort: settings.HEALTH_PORT,
      hooksOrigin: settings.SLACK_HOOKS_URL,
      mode: settings.SLACK_APP_TOKEN ? "socket" : "http",
    },
  };
};

/**
 * `npm run digest`: the same settings without the bot-only ones. DIGEST_CHANNEL may be unset:
 * the digests channels set up from Slack are in the store.
 */
export const loadDigestJobConfig = (env: Environment): DigestJobConfig =>
  servicesConfigOf(parseSettings(env, settingsSchema.omit(BOT_ONLY), () => undefined));

/** `npm run migrate`: where the store is, and how much to log. */
export const loadStoreConfig = (env: Environment): { store: StoreConfig; log: LogConfig } => {
  const s = parseSettings(
    env,
    settingsSchema.pick({
      DATABASE_PATH: true,
      DATABASE_URL: true,
      LOG_LEVEL: true,
      LOG_FORMAT: true,
    }),
    () => undefined,
  );
  return { store: storeConfigOf(s), log: { level: s.LOG_LEVEL, format: s.LOG_FORMAT } };
};

/** The password in a PostgreSQL URL, for the logger to hide. */
const databasePassword = (store: StoreConfig | undefined): string | undefined => {
  if (store?.engine !== "postgres") return undefined;
  try {
    return decodeURIComponent(new URL(store.url).password) || undefined;
  } catch {
    return undefined;
  }
};

/** Every value that must never be printed, for the logger's redaction. */
export const secretsOf = (
  config: Partial<Pick<ServicesConfig, "ticketApi" | "store">> & {
    slack?: Partial<SlackConfig>;
  },
): string[] => {
  const slack = config.slack ?? {};
  return [
    slack.botToken,
    slack.appToken,
    slack.signingSecret,
    config.ticketApi?.token,
    databasePassword(config.store),
  ].filter((v): v is string => Boolean(v));
};

/** What the demo's terminal output depends on; read here because only this module reads the environment. */
export const terminalEnvironment = (): Environment => ({
  NO_COLOR: process.env.NO_COLOR,
  FORCE_COLOR: process.env.FORCE_COLOR,
  TERM: process.env.TERM,
});
