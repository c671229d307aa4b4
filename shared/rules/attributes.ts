/**
 * An attribute's key — a dimension the organisation collects (gender, age_band): lower-case
 * letters, digits and _, starting with a letter, at most 40. The schema (shared/participant.ts)
 * and the dashboard's forms check keys with this one pattern.
 */
export const attributeKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
