import { createInterface } from "node:readline";
import { type Clock, systemClock } from "../clock";
import { ConfigError, terminalEnvironment } from "../config";
import { timeZoneFor } from "../i18n";
import {
  DEMO_USAGE,
  type DemoRunOptions,
  parseDemoArgs,
  type ServeApiOptions,
} from "./demo-options";
import { formatEcho, formatJson, formatShown, type OutputOptions } from "./demo-output";
import { type DemoSession, startDemoSession } from "./demo-session";
import { parseStep, STEP_HELP } from "./demo-steps";
import { DEMO_TICKET_COUNT } from "./sample-data";
import { serveSampleApi } from "./serve-api";
import { shouldUseColor } from "./terminal-render";

/**
 * `npm run demo`: the real bot in the terminal, with no Slack workspace and no ticket panel.
 * Settings come from the command line only (never `.env`). Exit codes: 0 done, 1 a step or
 * the start-up failed, 2 bad arguments.
 */

const out = (text: string) => process.stdout.write(text);
const fail = (text: string) => process.stderr.write(`${text}\n`);

/** A fixed `--now` stands still, so every "as of" and "3 h ago" comes out the same each run. */
const clockAt = (now: Date | undefined): Clock =>
  now === undefined ? systemClock : { now: () => new Date(now.getTime()) };

const MAX_WIDTH = 100;

const describeError = (error: unknown): string =>
  error instanceof ConfigError
    ? error.problems.join("; ")
    : error instanceof Error
      ? error.message
      : String(error);

type StepResult = "ok" | "failed" | "quit";

const runStep = async (
  session: DemoSession,
  input: string,
  output: () => OutputOptions,
): Promise<StepResult> => {
  const parsed = parseStep(input);
  if (!parsed.ok) {
    fail(`✗ ${parsed.problem}`);
    return "failed";
  }
  const { step } = parsed;
  switch (step.kind) {
    case "help":
      out(`${STEP_HELP}\n`);
      return "ok";
    case "quit":
      return "quit";
    case "json": {
      const last = session.last();
      if (!last) {
        fail("✗ json: nothing has been shown yet");
        return "failed";
      }
      out(session.withoutAddresses(formatJson(last)));
      return "ok";
    }
    default: {
      const outcome = await session.run(step);
      if (!outcome.ok) {
        fail(`✗ ${outcome.problem}`);
        return "failed";
      }
      out(formatShown(outcome.shown, output()));
      return "ok";
    }
  }
};

const runSteps = async (
  session: DemoSession,
  steps: readonly string[],
  output: () => OutputOptions,
): Promise<number> => {
  for (const [i, step] of steps.entries()) {
    out(`\n${formatEcho(step, output())}`);
    const result = await runStep(session, step, output);
    if (result === "quit") return 0;
    if (result === "failed") {
      // Later steps usually build on this one (next after a list), so they are not attempted.
      const skipped = steps.length - i - 1;
      fail(
        `demo: step ${i + 1} of ${steps.length} ("${step}") failed${skipped === 0 ? "" : skipped === 1 ? "; the step after it was not run" : `; the ${skipped} steps after it were not run`}`,
      );
      return 1;
    }
  }
  return 0;
};

const prompt = async (session: DemoSession, output: () => OutputOptions): Promise<number> => {
  const isTerminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  out('Type a step ("help" lists them, "quit" stops), e.g. /tickets state:2\n');
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: isTerminal,
    prompt: "tickets> ",
  });
  const ask = () => {
    if (isTerminal) rl.prompt();
  };
  // A terminal delivers Ctrl-C to readline; with piped input it arrives as a signal.
  const close = () => rl.close();
  rl.on("SIGINT", close);
  process.once("SIGINT", close);
  process.once("SIGTERM", close);
  ask();
  for await (const line of rl) {
    if (line.trim() !== "" && (await runStep(session, line, output)) === "quit") break;
    ask();
  }
  rl.close();
  if (isTerminal) out("\n");
  return 0;
};

const runDemo = async (options: DemoRunOptions): Promise<number> => {
  const clock = clockAt(options.now);
  const stdoutIsTerminal = Boolean(process.stdout.isTTY);
  const color = options.color ?? shouldUseColor(terminalEnvironment(), stdoutIsTerminal);
  const width = stdoutIsTerminal ? Math.min(process.stdout.columns || 80, MAX_WIDTH) : 80;
  // The zone the bot writes times in, so that date tokens in the terminal agree with it.
  const timeZone = timeZoneFor(options.language, options.timeZone);
  const output = (): OutputOptions => ({ color, width, timeZone, now: clock.now() });

  let session: DemoSession;
  try {
    session = await startDemoSession({
      clock,
      timeZone: options.timeZone,
      language: options.language,
      writeLog: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    fail(`demo: could not start: ${describeError(error)}`);
    return 1;
  }
  // Ctrl-C during a non-interactive run: stop the servers rather than leave the port bound.
  const interrupted = () => void session.stop().then(() => process.exit(130));
  if (options.steps.length > 0) process.once("SIGINT", interrupted);

  const asOf = clock.now().toISOString().slice(0, 16).replace("T", " ");
  out(
    `Tickets demo: the real bot, ${DEMO_TICKET_COUNT} sample tickets (as of ${asOf} UTC)\nand a stand-in for Slack, all on this machine.\n`,
  );
  try {
    return options.steps.length > 0
      ? await runSteps(session, options.steps, output)
      : await prompt(session, output);
  } finally {
    process.off("SIGINT", interrupted);
    await session.stop();
  }
};

const serveApi = async (options: ServeApiOptions): Promise<number> => {
  let run: Awaited<ReturnType<typeof serveSampleApi>>;
  try {
    run = await serveSampleApi({
      port: options.port,
      token: options.token,
      clock: clockAt(options.now),
    });
  } catch (error) {
    const inUse = (error as { code?: string }).code === "EADDRINUSE";
    fail(
      inUse
        ? `demo: port ${options.port} on 127.0.0.1 is in use; pick another with --port N`
        : `demo: could not start the sample API: ${describeError(error)}`,
    );
    return 1;
  }
  out(`${run.banner}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await run.api.close();
  return 0;
};

const main = async (): Promise<number> => {
  const parsed = parseDemoArgs(process.argv.slice(2));
  if (!parsed.ok) {
    fail(`demo: ${parsed.problem}\n\n${DEMO_USAGE}`);
    return 2;
  }
  const { options } = parsed;
  if (options.mode === "usage") {
    out(`${DEMO_USAGE}\n\n${STEP_HELP}\n`);
    return 0;
  }
  return options.mode === "serve-api" ? serveApi(options) : runDemo(options);
};

const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write("", () => resolve()));

// Exit explicitly (idle keep-alive sockets of fetch would hold the process open), but only once
// everything written has reached a pipe: on some systems pipe writes are asynchronous.
const code = await main();
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
