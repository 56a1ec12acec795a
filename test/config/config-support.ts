import { ConfigError } from "../../src/config";

/** The least a bot in HTTP mode needs, for the settings tests to vary one thing at a time. */
export const BOT_ENV = {
  SLACK_BOT_TOKEN: "xoxb-123-abc",
  SLACK_SIGNING_SECRET: "signing-secret-value",
  TICKET_API_URL: "https://panel.example.com",
  TICKET_API_TOKEN: "panel-token-value",
};

/** The problems a ConfigError lists; anything else, or no error, fails the test. */
export const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a ConfigError");
};
