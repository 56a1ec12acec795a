import { describe, expect, it } from "vitest";
import type { Person } from "../../../src/flows/ports";
import { fa } from "../../../src/i18n";
import type { RenderContext } from "../../../src/render/context";
import {
  attachReader,
  forReader,
  personOf,
  READER,
  readerOf,
} from "../../../src/slack/middleware/reader";
import { listenerDeps, renderContext } from "../../support/listener-fakes";

const persian = (): RenderContext => ({ ...renderContext(), t: fa, timeZone: "Asia/Tehran" });

/** Runs the middleware on a Bolt-like context; `asked` is every person looked up. */
const attached = async (context: Record<string, unknown>) => {
  const asked: (Person | undefined)[] = [];
  const middleware = attachReader({
    forPerson: async (person) => {
      asked.push(person);
      return persian;
    },
  });
  let nexted = false;
  await middleware({
    context,
    next: async () => {
      nexted = true;
    },
  } as unknown as Parameters<typeof middleware>[0]);
  return { asked, nexted, reader: readerOf(context) };
};

describe("the reader", () => {
  it("names the person by workspace and user; an org-wide install's org stands for the team", () => {
    expect(personOf({ teamId: "T1", userId: "U1" })).toEqual({ workspaceId: "T1", userId: "U1" });
    expect(personOf({ enterpriseId: "E1", userId: "U1" })).toEqual({
      workspaceId: "E1",
      userId: "U1",
    });
    expect(personOf({ teamId: "T1", enterpriseId: "E1", userId: "U1" })?.workspaceId).toBe("T1");
    expect(personOf({ teamId: "T1" })).toBeUndefined();
  });

  it("looks nobody up until asked, then once for the whole request", async () => {
    const { asked, nexted, reader } = await attached({ teamId: "T1", userId: "U1" });
    expect(nexted).toBe(true);
    expect(asked).toEqual([]);
    expect(reader?.person).toEqual({ workspaceId: "T1", userId: "U1" });
    const [first, second] = await Promise.all([reader?.renderContext(), reader?.renderContext()]);
    expect(first).toBe(second);
    expect(asked).toEqual([{ workspaceId: "T1", userId: "U1" }]);
  });

  it("gives a listener's flows the person's render context, or leaves the deps as they are", async () => {
    const { deps } = listenerDeps();
    const { reader } = await attached({ teamId: "T1", userId: "U1" });
    const own = await forReader(deps, { [READER]: reader });
    expect(own.renderContext().t).toBe(fa);
    expect(own.tickets).toBe(deps.tickets);
    expect(await forReader(deps, {})).toBe(deps);
    expect(await forReader(deps, undefined)).toBe(deps);
  });
});
