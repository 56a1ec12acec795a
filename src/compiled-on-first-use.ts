import * as z from "zod";

/**
 * `z.compile(schema)`, done the first time the schema is asked for rather than at import. A
 * compiled schema runs code zod generated for it on a valid input, and falls back to zod's
 * ordinary parser on an invalid one, so what a rejection says does not change. Generating that
 * code costs a few ms a schema, which the bot's start would otherwise pay for schemas some
 * processes never use (the digest's pages are validated on its own thread).
 */
export const compiledOnFirstUse = <S extends z.ZodType>(schema: S): (() => S) => {
  let compiled: S | undefined;
  return () => {
    compiled ??= z.compile(schema);
    return compiled;
  };
};
