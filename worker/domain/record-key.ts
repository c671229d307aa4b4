import { disclosure } from '../../shared/rules';

/**
 * A participant's record key (shared/rules/disclosure.ts): secret, uniform over the key space, from
 * the platform's cryptographic generator — never `Math.random`, whose output can be predicted.
 */
export function newRecordKey(): number {
  const byte = new Uint8Array(1);
  crypto.getRandomValues(byte);
  return byte[0]! % disclosure.keySpace;
}
