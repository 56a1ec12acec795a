import type { CommandError } from "../tickets/command";
import { COMMAND_KEYS } from "../tickets/filter-grammar";
import { context, header, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { LIMITS } from "./limits";
import { safeCode } from "./mrkdwn";

/** A token is the user's own text: long enough to recognise, short enough for many errors. */
const TOKEN_CAP = 60;
/** Room left in the section for the "…and N more" line. */
const LINES_BUDGET = LIMITS.section.text - 100;

/** Why `/tickets …` was refused: one line per problem, each naming the token as typed. */
export const renderCommandErrors = (errors: CommandError[], ctx: RenderContext): SlackMessage => {
  const { t } = ctx;
  return {
    text: t.commandErrors.fallback,
    blocks: [
      header(t.commandErrors.title),
      section(mrkdwn(errorLines(errors, ctx))),
      context([mrkdwn(t.commandErrors.allowedKeys(COMMAND_KEYS))]),
    ],
  };
};

const errorLines = (errors: CommandError[], ctx: RenderContext): string => {
  const lines: string[] = [];
  let length = 0;
  for (const error of errors) {
    const line = `• ${errorLine(error, ctx)}`;
    if (length + line.length + 1 > LINES_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
  }
  const left = errors.length - lines.length;
  if (left > 0) lines.push(ctx.t.commandErrors.moreErrors(left));
  return lines.join("\n");
};

/** One problem in words, naming the token; `/tickets subscribe` shows filter problems alike. */
export const errorLine = (error: CommandError, { t }: RenderContext): string => {
  const m = t.commandErrors;
  const token = safeCode(error.token, TOKEN_CAP);
  switch (error.kind) {
    case "unknown-key":
      return withSuggestion(
        m.unknownKey(token, safeCode(error.key, TOKEN_CAP)),
        error.suggestion,
        m,
      );
    case "repeated-key":
      return m.repeatedKey(token, error.key);
    case "missing-value":
      return m.missingValue(token, error.key);
    case "not-an-integer":
      return m.notAnInteger(token, error.key);
    case "out-of-range":
      return m.outOfRange(token, error.key, error.min, error.max);
    case "unknown-state":
      return withSuggestion(m.unknownState(token), error.suggestion, m);
    case "too-long":
      return m.tooLong(token, error.key, error.max);
    case "bare-word":
      return withSuggestion(m.bareWord(token), error.suggestion, m);
    case "command-too-long":
      return m.commandTooLong(token, error.max);
    case "view-name-missing":
      return t.views.errors.nameMissing;
    case "view-name-invalid":
      return t.views.errors.nameInvalid(token, error.max);
    case "view-name-number":
      return t.views.errors.nameNumber(token);
    case "view-name-reserved":
      return t.views.errors.nameReserved(token, safeCode(error.meaning, TOKEN_CAP));
  }
};

const withSuggestion = (
  line: string,
  suggestion: string | undefined,
  m: RenderContext["t"]["commandErrors"],
): string =>
  suggestion === undefined ? line : `${line} ${m.didYouMean(safeCode(suggestion, TOKEN_CAP))}`;
