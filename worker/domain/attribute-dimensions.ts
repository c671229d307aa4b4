import { invalid } from './errors';

/**
 * Attributes name only the dimensions the organisation collects (its `attributeDimensions`
 * setting), so nobody can store thousands of keys on a person, and nobody collects a dimension the
 * organisation did not choose to. Removing an attribute (null) is always allowed: a dimension the
 * organisation stopped collecting can still be cleared.
 *
 * @example assertOrgDimensions({ shoe_size: '42' }, ['gender']) // throws invalid, details [{ path: 'attributes.shoe_size', … }]
 */
export function assertOrgDimensions(attributes: Record<string, string | null> | undefined, dimensions: readonly string[]): void {
  const issues = unknownDimensions(
    Object.keys(attributes ?? {}).filter((key) => attributes![key] !== null),
    dimensions,
  ).map((key) => ({
    path: `attributes.${key}`,
    message: notCollected(key),
    code: 'unknown_dimension',
  }));
  if (issues.length > 0) throw invalid('Attributes may name only the dimensions the organisation collects', issues);
}

/** The keys among `keys` that are not dimensions of the organisation. */
export const unknownDimensions = (keys: readonly string[], dimensions: readonly string[]) =>
  keys.filter((key) => !dimensions.includes(key));

/** Why a key is refused, and who can change that. */
export const notCollected = (key: string) =>
  `"${key}" is not a dimension the organisation collects (an admin names them in the organisation settings)`;
