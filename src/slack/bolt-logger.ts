import type { Logger as BoltLogger } from "@slack/bolt";
import type { Logger, LogLevel as OurLevel } from "../logger";
import { LogLevel } from "./bolt";

const TO_BOLT: Record<OurLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

const FROM_BOLT = (level: LogLevel): OurLevel =>
  (Object.entries(TO_BOLT).find(([, b]) => b === level)?.[0] as OurLevel | undefined) ?? "info";

/**
 * Bolt's name for a level. `new App()` must be given it: without `logLevel`, Bolt sets any
 * logger it is handed back to info, and LOG_LEVEL would do nothing.
 */
export const boltLogLevel = (level: OurLevel): LogLevel => TO_BOLT[level];

/** Our logger as Bolt types it (its levels are an enum), so Bolt's lines get the same redaction. */
export const toBoltLogger = (logger: Logger): BoltLogger => ({
  debug: logger.debug,
  info: logger.info,
  warn: logger.warn,
  error: logger.error,
  setLevel: (level) => logger.setLevel(FROM_BOLT(level)),
  getLevel: () => TO_BOLT[logger.getLevel()],
  setName: logger.setName,
});
