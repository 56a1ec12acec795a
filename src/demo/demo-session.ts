import { randomBytes } from "node:crypto";
import { type Bot, createBot } from "../app";
import type { Clock } from "../clock";
import { type Environment, loadBotConfig, secretsOf } from "../config";
import { ACTION_IDS } from "../contract/action-ids";
import type { Language } from "../i18n";
import { createLogger } from "../logger";
import { type SampleApi, startSampleApi } from "../sample-api/sample-api-server";
import { openStore } from "../store/open-store";
import { IN_MEMORY } from "../store/sqlite-engine";
import type { DemoStep, PageStep } from "./demo-steps";
import { createSlackDriver, SLACK_USER_ID, type SlackDriver } from "./fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "./fakes/slack-stand-in";
import { demoTickets } from "./sample-data";
import { isRecord, listOf, stringOf } from "./terminal-json";

/**
 * The real bot, started as `npm start` would in HTTP mode, between the sample ticket API and a
 * stand-in for Slack, all on loopback. Each step is what Slack would send for a person's
 * command or click, signed; its outcome is what Slack would then show them.
 */

/** One thing Slack would show the person after a step. */
export type Shown =
  | {
      kind: "message";
      /** `replaced`: the bot replaced the message the button was on, in place. */
      how: "new" | "replaced";
      audience: "private" | "channel";
      message: Record<string, unknown>;
    }
  | { kind: "modal"; view: Record<string, unknown> };

export type StepOutcome = { ok: true; shown: Shown } | { ok: false; problem: string };

export type SessionStep = Extract<DemoStep, { kind: "command" | "page" | "details" | "digest" }>;

export interface DemoSessionOptions {
  clock: Clock;
  /** DIGEST_TIMEZONE; `undefined` leaves it unset, so the bot takes its language's zone. */
  timeZone: string | undefined;
  /** BOT_LANGUAGE. */
  language: Language;
  /** Where the bot's own warnings and errors go (stderr); never stdout, which is the transcript. */
  writeLog: (line: string) => void;
  /** How long one step may take before it counts as failed. */
  stepLimitMs?: number;
}

interface FoundButton {
  action_id: string;
  value?: string;
  block_id?: string;
  text?: string;
}

const STEP_LIMIT_MS = 15_000;

const PAGE_ACTIONS: Readonly<Record<PageStep, { id: string; label: string; none: string }>> = {
  next: { id: ACTION_IDS.pageNext, label: "Next ▶", none: "it is the last page" },
  prev: { id: ACTION_IDS.pagePrevious, label: "◀ Previous", none: "it is the first page" },
  refresh: { id: ACTION_IDS.pageRefresh, label: "Refresh", none: "it cannot be fetched again" },
};

const PAGING = new Set<string>([
  ACTION_IDS.pageNext,
  ACTION_IDS.pagePrevious,
  ACTION_IDS.pageRefresh,
]);
/** A message with any of these is what `next`, `prev`, `refresh` and `details N` act on. */
const LIST_BUTTONS = new Set<string>([...PAGING, ACTION_IDS.detailsOpen]);

const asButton = (el: unknown, blockId: string | undefined): FoundButton[] => {
  if (!isRecord(el) || el.type !== "button") return [];
  const actionId = stringOf(el.action_id);
  if (actionId === undefined) return [];
  return [
    {
      action_id: actionId,
      value: stringOf(el.value),
      block_id: blockId,
      text: isRecord(el.text) ? stringOf(el.text.text) : undefined,
    },
  ];
};

/** Buttons where Slack puts them: a section's accessory and an actions block's elements. */
const buttonsIn = (message: Record<string, unknown>): FoundButton[] =>
  listOf(message.blocks).flatMap((block) => {
    if (!isRecord(block)) return [];
    const blockId = stringOf(block.block_id);
    return [
      ...asButton(block.accessory, blockId),
      ...listOf(block.elements).flatMap((el) => asButton(el, blockId)),
    ];
  });

const secret = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;

class StepFailure extends Error {}

export const startDemoSession = async (options: DemoSessionOptions) => {
  const { clock } = options;
  const stepLimitMs = options.stepLimitMs ?? STEP_LIMIT_MS;
  // Fresh on every run and never printed: nothing here works against a real workspace or panel.
  const ticketToken = secret("demo-panel-");
  const started: { close(): Promise<void> }[] = [];
  let api: SampleApi;
  let slack: SlackStandIn;
  let bot: Bot;
  let driver: SlackDriver;
  let onBotError: ((line: string) => void) | undefined;
  try {
    api = await startSampleApi({ tickets: demoTickets(clock.now()), token: ticketToken });
    started.push(api);
    slack = await startSlackStandIn();
    started.push(slack);
    const signingSecret = secret("demo-signing-");
    const env: Environment = {
      SLACK_BOT_TOKEN: secret("xoxb-demo-"),
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_HOOKS_URL: slack.origin,
      TICKET_API_URL: api.url,
      TICKET_API_TOKEN: ticketToken,
      TICKET_API_TIMEOUT_MS: "5000",
      DIGEST_SCHEDULE: "off",
      DIGEST_TIMEZONE: options.timeZone,
      BOT_LANGUAGE: options.language,
      // Only the person the driver plays may read tickets: no "everyone can read" warning.
      ALLOWED_USER_IDS: SLACK_USER_ID,
      LOG_LEVEL: "warn",
      // The demo's digests live only as long as it runs, and leave nothing behind.
      DATABASE_PATH: IN_MEMORY,
    };
    const config = loadBotConfig(env);
    const logger = createLogger({
      level: config.log.level,
      secrets: secretsOf(config),
      write: (line) => {
        options.writeLog(line);
        if (/^\S+ ERROR /.test(line)) onBotError?.(line);
      },
    });
    const store = await openStore(config.store, logger, { clock });
    started.push(store);
    bot = createBot({ config, logger, clock, store });
    const { port } = await bot.start(0);
    started.push({ close: () => bot.stop(1000) });
    driver = createSlackDriver({
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret,
      slack,
    });
  } catch (error) {
    await Promise.allSettled(started.reverse().map((s) => s.close()));
    throw error;
  }

  let last: Shown | undefined;
  let lastList: Record<string, unknown> | undefined;
  let triggers = 0;

  /** The answer, unless the bot logs an error or takes too long first. */
  const withinStep = <T>(answer: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new StepFailure(`no answer from the bot within ${stepLimitMs / 1000} s`)),
        stepLimitMs,
      );
      onBotError = (line) =>
        reject(new StepFailure(`the bot logged an error: ${line.replace(/^\S+ ERROR /, "")}`));
      answer.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        onBotError = undefined;
      });
    });

  // The stand-ins' own limits only guard against a hang; `withinStep` decides first.
  const waitLimit = stepLimitMs + 5_000;

  const checkAck = (ack: { status: number; text: string }) => {
    if (ack.status !== 200) {
      throw new StepFailure(`the bot answered HTTP ${ack.status}: ${ack.text.slice(0, 200)}`);
    }
  };

  const messageFrom = (body: Record<string, unknown>, how: "new" | "replaced"): Shown => ({
    kind: "message",
    how,
    audience: body.response_type === "in_channel" ? "channel" : "private",
    message: body,
  });

  const answerTo = async (responseId: string): Promise<Shown> => {
    const { body } = await driver.answerTo(responseId, waitLimit);
    return messageFrom(body, body.replace_original === true ? "replaced" : "new");
  };

  const command = async (text: string): Promise<Shown> => {
    const { ack, responseId } = await driver.command(text);
    checkAck(ack);
    // Answers that need no ticket API call come back in the ack itself.
    if (isRecord(ack.json) && (ack.json.text !== undefined || ack.json.blocks !== undefined)) {
      return messageFrom(ack.json, "new");
    }
    return answerTo(responseId);
  };

  const clickListButton = async (button: FoundButton): Promise<Shown> => {
    const { ack, responseId } = await driver.click(button);
    checkAck(ack);
    return answerTo(responseId);
  };

  /** The modal opens at once (loading) and is filled in by views.update: the latter is the result. */
  const clickDetails = async (button: FoundButton): Promise<Shown> => {
    triggers += 1;
    const triggerId = `demo.${triggers}.trigger`;
    const earlier = new Set(slack.calls.items);
    const { ack } = await driver.click(button, { trigger_id: triggerId });
    checkAck(ack);
    await slack.calls.waitFor(
      (c) => c.method === "views.open" && c.body.trigger_id === triggerId,
      waitLimit,
    );
    const update = await slack.calls.waitFor(
      (c) => c.method === "views.update" && !earlier.has(c),
      waitLimit,
    );
    return { kind: "modal", view: isRecord(update.body.view) ? update.body.view : {} };
  };

  const listButtons = (step: string): FoundButton[] => {
    if (!lastList) {
      throw new StepFailure(
        `${step}: no message with tickets has been shown yet; try /tickets first`,
      );
    }
    return buttonsIn(lastList);
  };

  const page = (which: PageStep): Promise<Shown> => {
    const wanted = PAGE_ACTIONS[which];
    const buttons = listButtons(which);
    const button = buttons.find((b) => b.action_id === wanted.id);
    if (!button) {
      // A digest has Details buttons but is not a page of a list.
      const paged = buttons.some((b) => PAGING.has(b.action_id));
      throw new StepFailure(
        `${which}: the last message with tickets has no [ ${wanted.label} ] (${paged ? wanted.none : "it is not a page of a list; try /tickets"})`,
      );
    }
    return clickListButton(button);
  };

  const details = (row: number): Promise<Shown> => {
    const rows = listButtons(`details ${row}`).filter(
      (b) => b.action_id === ACTION_IDS.detailsOpen,
    );
    const button = rows[row - 1];
    if (!button) {
      throw new StepFailure(
        rows.length === 0
          ? `details ${row}: the last message with tickets has no rows with [ Details ]`
          : `details ${row}: the last message with tickets has ${rows.length === 1 ? "1 row; try details 1" : `${rows.length} rows; try details 1 to details ${rows.length}`}`,
      );
    }
    return clickDetails(button);
  };

  const perform = (step: SessionStep): Promise<Shown> => {
    switch (step.kind) {
      case "command":
        return command(step.text);
      case "digest":
        return command("digest");
      case "page":
        return page(step.which);
      case "details":
        return details(step.row);
    }
  };

  return {
    /** The bot's answer to one step; never throws for a step that fails, it says why. */
    async run(step: SessionStep): Promise<StepOutcome> {
      try {
        const shown = await withinStep(Promise.resolve().then(() => perform(step)));
        last = shown;
        if (
          shown.kind === "message" &&
          buttonsIn(shown.message).some((b) => LIST_BUTTONS.has(b.action_id))
        )
          lastList = shown.message;
        return { ok: true, shown };
      } catch (error) {
        if (error instanceof StepFailure) return { ok: false, problem: error.message };
        return {
          ok: false,
          problem: `the step failed: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
    /** What `json` prints: the last message or modal as the bot sent it. */
    last: () => last,
    /** Loopback addresses change every run; they are not part of what the bot said. */
    withoutAddresses: (text: string) =>
      text
        .replaceAll(slack.apiUrl.replace(/\/api\/$/, ""), "http://slack.stand-in")
        .replaceAll(api.url, "http://ticket-api.stand-in"),
    async stop() {
      // The bot first, so nothing it still finishes finds the stand-ins gone.
      const closing = started.splice(0).reverse();
      await Promise.allSettled(closing.map((s) => s.close()));
    },
  };
};

export type DemoSession = Awaited<ReturnType<typeof startDemoSession>>;
