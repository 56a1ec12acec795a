import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { z } from "zod";
import { validateSchedule } from "./digest/schedule";
import { isKnownTimeZone } from "./i18n/format-time";
import { LOG_LEVELS, type LogLevel } from "./logger";

/**
 * The one module that reads the environment. Everything else receives a parsed config.
 * An empty value counts as unset; a bad setting is reported by name, never by value.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

/** `process.env`, over whatever `.env` in the working directory holds (the real environment wins). */
export const readEnvironment = (envFile = ".env"): Environment => {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : {};
  return { ...fromFile, ...process.env };
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export interface TicketApiConfig {
  url: string;
  token: string;
  timeoutMs: number;
  /** Template of a ticket's page in the panel, with `{id}`; unset: no links. */
  webUrl: string | undefined;
}

export interface SlackConfig {
  botToken: string;
  appToken: string | undefined;
  signingSecret: string | undefined;
  port: number;
  apiUrl: string | undefined;
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
}

/** Who may read tickets. An empty list means "not restricted by this setting". */
export interface AccessConfig {
  userIds: string[];
  channelIds: string[];
}

export interface BotConfig {
  access: AccessConfig;
  slack: SlackConfig;
  ticketApi: TicketApiConfig;
  digest: DigestConfig;
  logLevel: LogLevel;
}

/** What `npm run digest` needs: no signing secret, no app token. */
export interface DigestJobConfig {
  botToken: string;
  slackApiUrl: string | undefined;
  ticketApi: TicketApiConfig;
  digest: DigestConfig;
  logLevel: LogLevel;
}

const isBlank = (v: string | undefined) => v === undefined || v.trim() === "";

const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && isBlank(v) ? undefined : v), schema);

const required = (what: string) => ({
  error: (i: { input: unknown }) => (i.input === undefined ? "is required" : what),
});

const httpUrl = (what: string) =>
  z
    .string(required(what))
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === "http:" || u.protocol === "https:";
      } catch {
        return false;
      }
    }, `must be ${what}`);

/** Where Slack's `response_url`s live; GovSlack-style deployments have their own. */
export const DEFAULT_SLACK_HOOKS_URL = "https://hooks.slack.com";

const isHttpOrigin = (s: string) => {
  try {
    const u = new URL(s);
    return (
      (u.protocol === "http:" || u.protocol === "https:") &&
      u.pathname === "/" &&
      !u.search &&
      !u.hash &&
      !u.username &&
      !u.password
    );
  } catch {
    return false;
  }
};

const originSetting = (example: string) =>
  z
    .string()
    .trim()
    .refine(
      isHttpOrigin,
      `must be an http(s) origin: scheme, host and port only, no path, such as ${example}`,
    )
    .transform((s) => new URL(s).origin);

const intSetting = (min: number, max: number, fallback: number) =>
  blankIsUnset(
    z
      .string()
      .trim()
      .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
      .optional(),
  ).transform((v) => v ?? fallback);

/** A comma-separated list of Slack IDs; `pattern` says which kind, `example` shows one. */
const idList = (pattern: RegExp, what: string) =>
  blankIsUnset(
    z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((c) => pattern.test(c)), `must be ${what}, comma-separated`)
      .optional(),
  ).transform((v) => v ?? []);

const channelList = idList(/^[CGD][A-Z0-9]{2,}$/, "channel IDs such as C0123456789 (not #names)");

const slackSchema = z.object({
  SLACK_BOT_TOKEN: blankIsUnset(
    z
      .string(required("a bot token starting with xoxb-"))
      .regex(/^xoxb-\S+$/, "must be a bot token: xoxb- followed by the rest of it"),
  ),
  SLACK_APP_TOKEN: blankIsUnset(
    z
      .string()
      .regex(/^xapp-\S+$/, "must be an app-level token: xapp- followed by the rest of it")
      .optional(),
  ),
  SLACK_SIGNING_SECRET: blankIsUnset(z.string().optional()),
  PORT: intSetting(1, 65535, 3000),
  SLACK_API_URL: blankIsUnset(httpUrl("an http(s) URL").optional()),
  SLACK_HOOKS_URL: blankIsUnset(originSetting(DEFAULT_SLACK_HOOKS_URL).optional()),
});

const ticketApiSchema = z.object({
  TICKET_API_URL: blankIsUnset(httpUrl("an http(s) URL such as https://panel.example.com")),
  TICKET_WEB_URL: blankIsUnset(
    httpUrl("an http(s) URL template such as https://panel.example.com/tickets/{id}")
      .refine((s) => s.includes("{id}"), "must contain {id}, where the ticket number goes")
      .optional(),
  ),
  TICKET_API_TOKEN: blankIsUnset(z.string(required("the panel's API token"))),
  TICKET_API_TIMEOUT_MS: intSetting(100, 120_000, 10_000),
});

const digestSchema = z.object({
  DIGEST_CHANNEL: channelList,
  DIGEST_SCHEDULE: blankIsUnset(z.string().trim().optional()),
  DIGEST_TIMEZONE: blankIsUnset(
    z
      .string()
      .trim()
      .refine(isKnownTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .optional(),
  ),
  DIGEST_TOP: intSetting(1, 20, 10),
  DIGEST_OVERDUE_HOURS: intSetting(1, 24 * 365, 24),
  DIGEST_POST_WHEN_EMPTY: blankIsUnset(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["true", "false"], "must be true or false"))
      .optional(),
  ),
});

const accessSchema = z.object({
  ALLOWED_USER_IDS: idList(/^[UW][A-Z0-9]{2,}$/, "user IDs such as U0123456789 (not @names)"),
  ALLOWED_CHANNEL_IDS: channelList,
});

const logSchema = z.object({
  LOG_LEVEL: blankIsUnset(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`))
      .optional(),
  ),
});

const DEFAULT_SCHEDULE = "0 9 * * *";

/** Parses one section, adding "NAME must …" lines to `problems` instead of throwing. */
const section = <S extends z.ZodObject>(schema: S, env: Environment, problems: string[]) => {
  const result = schema.safeParse(env);
  if (result.success) return result.data as z.output<S>;
  for (const issue of result.error.issues)
    problems.push(`${String(issue.path[0])} ${issue.message}`);
  return undefined;
};

const buildDigest = (d: z.output<typeof digestSchema>, problems: string[]): DigestConfig => {
  const timeZone = d.DIGEST_TIMEZONE ?? "UTC";
  const raw = d.DIGEST_SCHEDULE ?? DEFAULT_SCHEDULE;
  const schedule = raw.toLowerCase() === "off" ? undefined : raw;
  if (schedule !== undefined) {
    const problem = validateSchedule(schedule, timeZone);
    if (problem) problems.push(`DIGEST_SCHEDULE ${problem}`);
  }
  return {
    channels: d.DIGEST_CHANNEL,
    schedule,
    timeZone,
    top: d.DIGEST_TOP,
    overdueHours: d.DIGEST_OVERDUE_HOURS,
    postWhenEmpty: d.DIGEST_POST_WHEN_EMPTY === "true",
  };
};

const ticketApiFrom = (t: z.output<typeof ticketApiSchema>): TicketApiConfig => ({
  url: t.TICKET_API_URL,
  token: t.TICKET_API_TOKEN,
  timeoutMs: t.TICKET_API_TIMEOUT_MS,
  webUrl: t.TICKET_WEB_URL,
});

const withTrailingSlash = (url: string | undefined) =>
  url === undefined || url.endsWith("/") ? url : `${url}/`;

export const loadBotConfig = (env: Environment): BotConfig => {
  const problems: string[] = [];
  const slack = section(slackSchema, env, problems);
  const ticketApi = section(ticketApiSchema, env, problems);
  const digest = section(digestSchema, env, problems);
  const log = section(logSchema, env, problems);
  const access = section(accessSchema, env, problems);
  // Judged on the raw values so the problem is named even when other Slack settings are bad.
  if (isBlank(env.SLACK_APP_TOKEN) && isBlank(env.SLACK_SIGNING_SECRET)) {
    problems.push(
      "SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  const digestConfig = digest && buildDigest(digest, problems);
  if (access && digestConfig)
    checkDigestAllowed(digestConfig, access.ALLOWED_CHANNEL_IDS, problems);
  if (problems.length > 0 || !slack || !ticketApi || !digestConfig || !log || !access) {
    throw new ConfigError(problems);
  }
  return {
    access: { userIds: access.ALLOWED_USER_IDS, channelIds: access.ALLOWED_CHANNEL_IDS },
    slack: {
      botToken: slack.SLACK_BOT_TOKEN,
      appToken: slack.SLACK_APP_TOKEN,
      signingSecret: slack.SLACK_SIGNING_SECRET,
      port: slack.PORT,
      apiUrl: withTrailingSlash(slack.SLACK_API_URL),
      hooksOrigin: slack.SLACK_HOOKS_URL ?? DEFAULT_SLACK_HOOKS_URL,
      mode: slack.SLACK_APP_TOKEN ? "socket" : "http",
    },
    ticketApi: ticketApiFrom(ticketApi),
    digest: digestConfig,
    logLevel: log.LOG_LEVEL ?? "info",
  };
};

// A digest must not carry tickets into a channel where people may not read them.
const checkDigestAllowed = (digest: DigestConfig, allowed: string[], problems: string[]) => {
  if (allowed.length === 0) return;
  const outside = digest.channels.filter((c) => !allowed.includes(c));
  if (outside.length > 0) {
    problems.push(
      `DIGEST_CHANNEL has ${outside.join(", ")}, which ALLOWED_CHANNEL_IDS does not allow: add it there or remove it from DIGEST_CHANNEL`,
    );
  }
};

const digestJobSlackSchema = slackSchema.pick({ SLACK_BOT_TOKEN: true, SLACK_API_URL: true });

export const loadDigestJobConfig = (env: Environment): DigestJobConfig => {
  const problems: string[] = [];
  const slack = section(digestJobSlackSchema, env, problems);
  const ticketApi = section(ticketApiSchema, env, problems);
  const digest = section(digestSchema, env, problems);
  const log = section(logSchema, env, problems);
  const access = section(accessSchema, env, problems);
  const digestConfig = digest && buildDigest(digest, problems);
  if (access && digestConfig)
    checkDigestAllowed(digestConfig, access.ALLOWED_CHANNEL_IDS, problems);
  if (digestConfig && digestConfig.channels.length === 0) {
    problems.push("DIGEST_CHANNEL is required: the channel IDs to post the digest to");
  }
  if (problems.length > 0 || !slack || !ticketApi || !digestConfig || !log) {
    throw new ConfigError(problems);
  }
  return {
    botToken: slack.SLACK_BOT_TOKEN,
    slackApiUrl: withTrailingSlash(slack.SLACK_API_URL),
    ticketApi: ticketApiFrom(ticketApi),
    digest: digestConfig,
    logLevel: log.LOG_LEVEL ?? "info",
  };
};

/** Every value that must never be printed, for the logger's redaction. */
export const secretsOf = (env: Environment): string[] =>
  ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "TICKET_API_TOKEN"]
    .map((k) => env[k]?.trim())
    .filter((v): v is string => Boolean(v));

/** What the demo's terminal output depends on; read here because only this module reads the environment. */
export const terminalEnvironment = (): Environment => ({
  NO_COLOR: process.env.NO_COLOR,
  FORCE_COLOR: process.env.FORCE_COLOR,
  TERM: process.env.TERM,
});
