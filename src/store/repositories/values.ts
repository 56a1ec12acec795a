import { StoredDataError } from "../errors";
import type { Filters } from "../types";

/** Conversions between the store's columns (epoch ms, 0/1, JSON text) and domain values. */

export const flag = (value: boolean): number => (value ? 1 : 0);
export const isSet = (value: number): boolean => Number(value) === 1;

export const time = (value: number): Date => new Date(Number(value));
export const optionalTime = (value: number | null): Date | undefined =>
  value === null ? undefined : time(value);
export const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export const writeFilters = (filters: Filters): string => JSON.stringify(filters);

export const readFilters = (text: string, what: string): Filters => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredDataError(what, "its filters are not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new StoredDataError(what, "its filters are not a JSON object");
  }
  return value as Filters;
};

/** `oneOf(value, allowed)`: the value when it is allowed, else a StoredDataError. */
export const oneOf = <T extends string>(value: string, allowed: readonly T[], what: string): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StoredDataError(what, `unknown value ${JSON.stringify(value)}`);
};
