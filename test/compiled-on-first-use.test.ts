import { describe, expect, it } from "vitest";
import * as z from "zod";
import { compiledOnFirstUse } from "../src/compiled-on-first-use";

describe("compiledOnFirstUse", () => {
  it("compiles once, when first asked, and answers as the schema does", () => {
    const schema = z.object({ id: z.number().int(), name: z.string().nullish() });
    const get = compiledOnFirstUse(schema);
    const compiled = get();
    expect(compiled).not.toBe(schema);
    expect(get()).toBe(compiled);
    expect(compiled.parse({ id: 1, name: null, extra: true })).toEqual({ id: 1, name: null });
    const refused = compiled.safeParse({ id: 1.5 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual(schema.safeParse({ id: 1.5 }).error?.issues);
  });

  it("hands back a schema zod cannot compile as it is, still working", async () => {
    const schema = z.string().refine(async (s) => s.length > 1);
    const get = compiledOnFirstUse(schema);
    expect(get()).toBe(schema);
    await expect(get().parseAsync("ab")).resolves.toBe("ab");
  });
});
