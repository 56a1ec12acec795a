import type { Clock } from "../../../src/clock";

/**
 * Time for the end-to-end tests, shared by every process of one test: virtual time runs `speed`
 * times as fast as real time from one agreed moment, so a schedule of one slot a minute has a
 * slot every second at speed 60. Every process computes the same "now" from the same numbers.
 */
export interface FastTime {
  /** Real epoch ms at which virtual time was `virtualStart`. */
  realStart: number;
  virtualStart: number;
  speed: number;
}

export const FAST_CLOCK_ENV = "E2E_FAST_CLOCK";

export const fastClock = (t: FastTime): Clock => ({
  now: () => new Date(t.virtualStart + (Date.now() - t.realStart) * t.speed),
});

/** The clock's milliseconds as real ones, for timers (a lease is renewed in real time). */
export const realMs = (t: FastTime, virtualMs: number) => Math.max(10, virtualMs / t.speed);

export const fastTimeFromEnv = (env: NodeJS.ProcessEnv): FastTime => {
  const raw = env[FAST_CLOCK_ENV];
  if (!raw) throw new Error(`${FAST_CLOCK_ENV} is not set`);
  return JSON.parse(raw) as FastTime;
};
