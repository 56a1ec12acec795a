/**
 * The docs table is written from a run on the Node users run: 24 and later (the container image
 * runs 26; 20 is past its end of life and is not what anyone answering commands runs). The bot's
 * CPU a command, its collections and the bare app's all differ between majors, so a table from
 * another Node would judge a runtime nobody deploys.
 */
export const JUDGED_NODE_MAJOR = 24;

export const JUDGED_RUN_COMMAND = `npx -y node@${JUDGED_NODE_MAJOR} node_modules/.bin/tsx bench/run.ts`;

/** Why a full run on this Node may not write the table, or `undefined` when it may. */
export const refusalForNode = (version: string): string | undefined => {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= JUDGED_NODE_MAJOR) return undefined;
  return `this run is on Node ${version}, and the table is judged on Node ${JUDGED_NODE_MAJOR} or later, the Node users run; run \`${JUDGED_RUN_COMMAND}\` to write it.`;
};
