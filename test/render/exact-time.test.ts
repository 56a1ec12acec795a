import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n";
import { exactTime } from "../../src/render/mrkdwn";

const when = new Date("2026-01-15T09:00:00Z");

describe("exactTime", () => {
  it("is a Slack date token, with the catalog's own text as fallback", () => {
    expect(exactTime(when, { t: en, timeZone: "Asia/Tehran" })).toBe(
      "<!date^1768467600^{date_short_pretty} {time}|2026-01-15 12:30 +03:30>",
    );
  });

  it("is the catalog's own text when its calendar is one Slack cannot render", () => {
    const jalali = {
      ...en,
      time: { ...en.time, slackDateTokens: false, dateTime: () => "۱۴۰۴/۱۰/۲۵ <۱۲:۳۰>" },
    };
    expect(exactTime(when, { t: jalali, timeZone: "Asia/Tehran" })).toBe(
      "۱۴۰۴/۱۰/۲۵ &lt;۱۲:۳۰&gt;",
    );
  });
});
