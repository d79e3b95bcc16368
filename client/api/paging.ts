/** What every list endpoint shares: the page query, and items checked one by one. */
import type { ZObject } from 'zapier-platform-core';
import type { ContractSchema, Parsed } from '../schemas.js';

export const MAX_PAGE_SIZE = 100;

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
  /** The request's timeout (paging passes what is left of its time budget). */
  timeoutMs?: number;
}

export const pageParams = (page: PageQuery = {}) => ({
  limit: page.limit,
  cursor: page.cursor ?? undefined,
});

/**
 * The items of a list page that match `schema`. An item that breaks the contract is skipped with
 * a warning naming its id and the paths of the problems, never its content (a comment is
 * personal data), so one bad item does not fail the whole page. Deliveries stay strict.
 */
export const lenientItems = <S extends ContractSchema>(
  z: ZObject,
  endpoint: string,
  items: unknown[],
  schemaOf: (raw: unknown) => S | null,
): Array<Parsed<S>> => {
  const out: Array<Parsed<S>> = [];
  for (const raw of items) {
    const schema = schemaOf(raw);
    if (!schema) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push(parsed.data as Parsed<S>);
      continue;
    }
    const id = (raw as { id?: unknown } | null)?.id;
    const paths = parsed.error.issues
      .slice(0, 3)
      .map((issue) => issue.path.join('.') || '(item)')
      .join(', ');
    z.console.warn(
      `Skipped ${typeof id === 'string' ? `item ${id.slice(0, 64)}` : 'an item without an id'} ` +
        `listed by ${endpoint}: it does not match the API contract (at ${paths}).`,
    );
  }
  return out;
};
