import * as z from "zod";

/** A compiled schema's getter, with the schema it compiles (for tests that hold the two together). */
export interface CompiledOnFirstUse<S extends z.ZodType> {
  (): S;
  readonly source: S;
}

/**
 * `z.compile(schema)`, done the first time the schema is asked for rather than at import. A
 * compiled schema runs code zod generated for it on a valid input, and falls back to zod's
 * ordinary parser on an invalid one, so what a rejection says does not change. Generating that
 * code costs a few ms a schema, which the bot's start would otherwise pay for schemas some
 * processes never use (the digest's pages are validated on its own thread). A schema zod cannot
 * compile comes back as it is, still working; test/fuzz/compiled-schemas.test.ts makes sure each of
 * ours does compile.
 */
export const compiledOnFirstUse = <S extends z.ZodType>(schema: S): CompiledOnFirstUse<S> => {
  let compiled: S | undefined;
  const get = () => {
    compiled ??= z.compile(schema);
    return compiled;
  };
  return Object.assign(get, { source: schema });
};
