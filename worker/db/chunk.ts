import { limits } from '../../shared';

/**
 * Splits a list so that each statement binds at most `perItem × size` parameters,
 * within D1's limit of 100 bound parameters per statement.
 *
 * @example chunk(ids, 1) // lists of at most 100 ids for `IN (…)`
 */
export function chunk<T>(items: readonly T[], paramsPerItem: number, reserved = 0): T[][] {
  const size = Math.max(1, Math.floor((limits.d1Params - reserved) / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `?3, ?4, …` placeholders starting after `offset` already-numbered binds. */
export const placeholders = (count: number, offset = 0) => Array.from({ length: count }, (_, i) => `?${i + 1 + offset}`).join(', ');
