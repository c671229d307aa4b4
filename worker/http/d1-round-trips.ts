import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * Counts the D1 round trips a request makes and reports them as `Server-Timing: d1;desc="N round trips"`,
 * so the benchmark (and anyone with DevTools) can check the budget of ≤ 5 per analytics request.
 * Each `first`/`all`/`run`/`raw` of a statement and each `batch`/`exec` is one round trip.
 */
export function countD1RoundTrips(): MiddlewareHandler<AppEnv> {
  return async function countD1RoundTrips(c, next) {
    let trips = 0;
    const real = c.env.DB;
    const statement = (s: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(s, {
        get(target, prop, receiver) {
          if (prop === unwrap) return target;
          if (prop === 'bind') return (...values: unknown[]) => statement(target.bind(...values));
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') trips++;
          return value.bind(target);
        },
      });
    const db = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'prepare') return (sql: string) => statement(target.prepare(sql));
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            trips++;
            // Statements made through this proxy wrap real ones; D1 needs the real ones.
            return target.batch(statements.map((s) => (s as unknown as { [unwrap]?: D1PreparedStatement })[unwrap] ?? s));
          };
        }
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'exec') trips++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    c.env = { ...c.env, DB: db };
    await next();
    c.header('Server-Timing', `d1;desc="${trips} round trips"`, { append: true });
  };
}

const unwrap = Symbol('unwrap');
