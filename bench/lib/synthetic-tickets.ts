import { type ApiTicket, generateTickets } from "../../src/sample-api/generate-tickets";

/**
 * Any number of contract-shaped tickets without holding them: row `i` of a result is a copy of
 * one of a fixed pool of generated tickets, given its own id and the values of the filters
 * asked for. Every filter therefore matches `total` rows; that is unlike a real queue, but each
 * single answer is consistent, and memory stays the same for 1,000 or 100,000 tickets.
 */

export interface RowFilter {
  stateId?: number;
  username?: string;
  categoryId?: number;
  subCategoryId?: number;
}

const POOL_SIZE = 1000;
const FIRST_ID = 100_001;
// A number no generated field contains, replaced by each row's id in the serialized template.
const ID_MARK = "987654321987";
/** Distinct filters whose row templates are kept; list queries vary, digests repeat one. */
const MAX_CACHED_FILTERS = 32;

export const createSyntheticTickets = (seed: number, now: Date) => {
  const pool = generateTickets({ count: POOL_SIZE, seed, now });
  const templates = new Map<string, (string[] | undefined)[]>();

  const shaped = (base: ApiTicket, f: RowFilter): ApiTicket => {
    const id = Number(ID_MARK);
    const row: ApiTicket = {
      ...base,
      id,
      ticket_id: id,
      forward: base.forward && { ...base.forward, ticket_id: id },
    };
    if (f.stateId !== undefined) {
      row.state_id = f.stateId;
      row.state = { id: f.stateId, name: base.state?.name ?? "unknown" };
    }
    if (f.username !== undefined) {
      row.user = { user_id: base.user?.user_id ?? 200_001, uname: f.username };
    }
    if (f.categoryId !== undefined) {
      row.category_id = f.categoryId;
      row.category = { id: f.categoryId, name: base.category?.name ?? `Category ${f.categoryId}` };
    }
    if (f.subCategoryId !== undefined) {
      row.sub_category_id = f.subCategoryId;
      row.sub_category = { id: f.subCategoryId, title: base.sub_category?.title ?? "Sub" };
    }
    return row;
  };

  // Serializing a 1,000-row page from scratch costs milliseconds the bot's numbers would absorb;
  // joining cached fragments around the id costs almost nothing.
  const templateFor = (key: string, filter: RowFilter, poolIndex: number): string[] => {
    let forFilter = templates.get(key);
    if (!forFilter) {
      if (templates.size >= MAX_CACHED_FILTERS) {
        const oldest = templates.keys().next().value;
        if (oldest !== undefined) templates.delete(oldest);
      }
      forFilter = [];
      templates.set(key, forFilter);
    }
    let parts = forFilter[poolIndex];
    if (!parts) {
      const base = pool[poolIndex];
      if (!base) throw new RangeError(`no pool ticket ${poolIndex}`);
      parts = JSON.stringify(shaped(base, filter)).split(ID_MARK);
      forFilter[poolIndex] = parts;
    }
    return parts;
  };

  return {
    /** Rows `from` (0-based) up to `to` (exclusive) of `total`, newest (highest id) first, as JSON. */
    rowsJson(filter: RowFilter, total: number, from: number, to: number): string {
      const key = JSON.stringify(filter);
      const rows: string[] = [];
      for (let i = from; i < to; i++) {
        rows.push(templateFor(key, filter, i % POOL_SIZE).join(String(FIRST_ID + total - 1 - i)));
      }
      return `[${rows.join(",")}]`;
    },
    /** One row with the given id, for `ticket_id=` queries. */
    rowJson(filter: RowFilter, id: number): string {
      const key = JSON.stringify(filter);
      return `[${templateFor(key, filter, id % POOL_SIZE).join(String(id))}]`;
    },
  };
};
