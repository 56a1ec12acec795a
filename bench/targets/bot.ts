import { performance } from "node:perf_hooks";
import { createBot } from "../../src/app";
import { loadBotConfig, secretsOf } from "../../src/config";
import { createLogger } from "../../src/logger";
import { announce, exitWithRunner } from "../lib/child-protocol";

/**
 * The real bot as `npm start` builds it, in HTTP mode with Bolt's default HTTPReceiver. The
 * runner passes every setting in the environment; `.env` is deliberately not read, so a
 * developer's own settings cannot change what is measured.
 */
const config = loadBotConfig(process.env);
const logger = createLogger({ ...config.log, secrets: secretsOf(config) });
const bot = createBot({ config, logger });
const { port } = await bot.start(0);
// performance.now() counts from this process's start, so it includes Node's own boot.
announce("READY", { port, readyMs: performance.now() });
exitWithRunner(() => bot.stop(1000));
