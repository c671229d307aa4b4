import { disclosure } from '../../shared/rules';

/**
 * A participant's record key (shared/rules/disclosure.ts): secret, uniform over the key space, from
 * the platform's cryptographic generator — never `Math.random`, whose output can be predicted.
 */
export function newRecordKey(): number {
  const word = new Uint16Array(1);
  crypto.getRandomValues(word);
  return word[0]! % disclosure.keySpace;
}
