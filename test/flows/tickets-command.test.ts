import { describe, expect, it } from "vitest";
import { answerTicketsCommand, type CommandDeps } from "../../src/flows/tickets-command";
import { parseTicketsCommand } from "../../src/tickets/filter-grammar";
import { ticketJson } from "../render/helpers";
import { allText } from "../support/blocks";
import {
  answeringTickets,
  NOW,
  recordingLogger,
  renderContext,
  renderContexts,
} from "../support/listener-fakes";
import { fakePorts } from "./fake-ports";

const PERSON = { workspaceId: "T111", userId: "W111" };

const commandDeps = () => {
  const { tickets, queries } = answeringTickets([ticketJson({ ticket_id: 7, state_id: 2 })]);
  const deps: CommandDeps = {
    tickets,
    logger: recordingLogger().logger,
    renderContext,
    contexts: renderContexts(),
    clock: { now: () => NOW },
    digestDefinition: { top: 10, overdueHours: 24, postWhenEmpty: false },
  };
  return { deps, queries };
};

const answer = (text: string) => {
  const { deps, queries } = commandDeps();
  return { answer: answerTicketsCommand(parseTicketsCommand(text), PERSON), deps, queries };
};

/** Runs a `later` answer on fake ports; what it answered. */
const later = async (text: string) => {
  const { answer: a, deps, queries } = answer(text);
  if (!("later" in a)) throw new Error(`"${text}" was answered in the ack`);
  const ports = fakePorts();
  await a.later(deps, ports);
  expect(ports.ports()).toEqual(["answerPrivately"]);
  return { said: allText(ports.calls[0]), queries };
};

describe("answerTicketsCommand", () => {
  it("answers help in the ack, fetching nothing", () => {
    const { answer: a, deps, queries } = answer("help");
    expect("now" in a && a.now(deps).text).toBe("How to use /tickets");
    expect(queries).toEqual([]);
  });

  it("answers a mistyped command in the ack, with what was wrong", () => {
    const { answer: a, deps } = answer("stat:2");
    expect("now" in a && a.now(deps).text).toBe("I couldn't read that /tickets command");
    expect("now" in a && allText(a.now(deps))).toContain("stat");
  });

  it("fetches a list after the ack", async () => {
    const { said, queries } = await later("state:2");
    expect(said).toContain("#7");
    expect(queries).toEqual([{ filter: { stateId: 2 }, page: 1, perPage: 10 }]);
  });

  it("fetches one ticket after the ack", async () => {
    const { said, queries } = await later("#7");
    expect(said).toContain("#7");
    expect(queries).toEqual([{ filter: { ticketId: 7 }, page: 1, perPage: 1 }]);
  });

  it("previews the scheduled digest after the ack", async () => {
    const { said, queries } = await later("digest");
    expect(said).toContain("1 ticket waiting for support");
    expect(queries).toEqual([{ filter: { stateId: 2 }, page: 1, perPage: 1000 }]);
  });
});
