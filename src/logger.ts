import { inspect } from "node:util";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structurally the logger Bolt expects, so one logger serves Bolt and our own code. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values that must never be printed (tokens, secrets), replaced wherever they appear. */
  secrets?: readonly string[];
  write?: (line: string) => void;
  name?: string;
}

// Anything shaped like a Slack token is hidden too, even one we were never told about.
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

const stringify = (value: unknown): string =>
  typeof value === "string"
    ? value
    : inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY });

export const createLogger = (options: LoggerOptions = {}): Logger => {
  let level: LogLevel = options.level ?? "info";
  let name = options.name ?? "tickets-bot";
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);

  const redact = (text: string): string => {
    let out = text.replace(TOKEN_PATTERN, "$1-[redacted]");
    for (const secret of secrets) out = out.split(secret).join("[redacted]");
    return out;
  };

  const log =
    (at: LogLevel) =>
    (...msg: unknown[]) => {
      if (LOG_LEVELS.indexOf(at) < LOG_LEVELS.indexOf(level)) return;
      const body = msg.map(stringify).join(" ");
      write(redact(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${body}`));
    };

  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
};

/** For tests and tools that want silence. */
export const silentLogger = (): Logger => createLogger({ write: () => {} });
