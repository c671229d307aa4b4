import type { MiddlewareHandler } from 'hono';
import { malformedIn } from '../../shared';
import { invalid } from '../domain/errors';
import type { AppEnv } from '../env';

type Path = readonly (string | number)[];

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isJson = (contentType: string | undefined) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Refuses (400) a body that a schema would accept but storage would silently change: bytes that
 * are not UTF-8 (decoding would put U+FFFD in their place — a CSV saved in another encoding), and
 * JSON holding a lone surrogate or a `__proto__` key (shared/rules/well-formed.ts). Runs before
 * every route; a body that is not JSON at all is left to the route's validator, which answers
 * `malformed_json` as before. The decoded text is handed on, so the body is read once.
 *
 * `checkedOnTheirOwn` names, per path, the parts of a body its route checks itself (a batch's ops).
 */
export function wellFormedBody({
  checkedOnTheirOwn = {},
}: {
  checkedOnTheirOwn?: Record<string, (path: Path) => boolean>;
} = {}): MiddlewareHandler<AppEnv> {
  return async function wellFormedBody(c, next) {
    if (c.req.raw.body === null) return next();
    let text: string;
    try {
      text = utf8.decode(await c.req.arrayBuffer());
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // the body limit's error, answered 413 by its middleware
      throw invalid('The body is not valid UTF-8', [
        { path: '', message: 'Not valid UTF-8 (save the file as UTF-8)', code: 'invalid_encoding' },
      ]);
    }
    // Hono reads a body it has cached instead of the stream; its type names the method, not the promise it caches.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    if (isJson(c.req.header('content-type'))) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return next();
      }
      const issues = malformedIn(value, { skip: checkedOnTheirOwn[c.req.path] });
      if (issues.length > 0) throw invalid('Invalid input', issues);
    }
    await next();
  };
}
