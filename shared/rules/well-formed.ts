/**
 * What a parsed JSON value must not hold, although it is valid JSON — checked before any schema
 * reads it, because by the time zod looks the damage is done and invisible:
 * - a lone UTF-16 surrogate (`"\ud800"`, or half of an emoji cut off by a truncation): D1 stores
 *   text as UTF-8, which cannot encode one, so it silently becomes U+FFFD;
 * - a key `__proto__`: `JSON.parse` makes it an own property, but copying it into a record (zod's
 *   `z.record` does) sets the copy's prototype instead, so the entry silently disappears.
 */
export interface MalformedIssue {
  /** Where, as zod names paths: `counts.__proto__`, `ops.0.op.body.body`. */
  path: string;
  message: string;
  code: 'lone_surrogate' | 'reserved_key';
}

type Path = readonly (string | number)[];

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is well-formed UTF-16 (every surrogate paired): what UTF-8 can store as it is. */
export const isWellFormedText = (text: string) => !loneSurrogate.test(text);

/** A node of the walk: its path is kept as a link to its parent, and spelled out only when needed. */
interface Node {
  value: unknown;
  key: string | number | null;
  parent: Node | null;
  depth: number;
}

const pathOf = (node: Node): Path => {
  const path: (string | number)[] = [];
  for (let at: Node | null = node; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
};

/** How deep `skip` is asked: the subtrees checked elsewhere are near the top (`ops.N.op`). */
const skipDepth = 8;

/**
 * The issues of a parsed JSON value, at most `max`. `skip` names subtrees checked elsewhere, within
 * the first few levels (a batch's ops are checked one by one, so a malformed op refuses only
 * itself). Walks with its own stack, and links each node to its parent rather than copying paths:
 * a 256 KB body can nest arrays 100,000 deep, more than the call stack holds.
 *
 * @example malformedIn(JSON.parse('{"counts":{"__proto__":1}}')) // [{ path: 'counts.__proto__', code: 'reserved_key', … }]
 */
export function malformedIn(value: unknown, { skip, max = 20 }: { skip?: (path: Path) => boolean; max?: number } = {}): MalformedIssue[] {
  const issues: MalformedIssue[] = [];
  const issue = (node: Node, message: string, code: MalformedIssue['code']) => issues.push({ path: pathOf(node).join('.'), message, code });
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && issues.length < max) {
    const node = stack.pop()!;
    if (skip && node.depth <= skipDepth && skip(pathOf(node))) continue;
    const v = node.value;
    const child = (key: string | number, value: unknown): Node => ({ value, key, parent: node, depth: node.depth + 1 });
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) issue(node, 'A lone UTF-16 surrogate (half a character)', 'lone_surrogate');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(child(i, v[i]));
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, inner] of Object.entries(v).reverse()) {
        const next = child(key, inner);
        if (key === '__proto__') issue(next, '"__proto__" is not allowed as a key', 'reserved_key');
        else if (!isWellFormedText(key)) issue(next, 'A lone UTF-16 surrogate in a key', 'lone_surrogate');
        stack.push(next);
      }
    }
  }
  return issues;
}
