import type { Sql } from "postgres";

/**
 * postgres.js prepares every statement by default (one Parse per text per connection, then just
 * Bind and Execute, with the plan cached); drizzle's adapter turns that off for each query unless
 * it is named, so every parameterised statement costs an extra round trip (Parse and Describe
 * first, to learn the parameter types) and a fresh plan. Measured on the completion batch
 * (docs/BENCHMARKS.md, "Ledger deposits"), the planning of its joins cost more than the writes.
 * This gives back the driver's own default: every query of the pool and of its transactions and
 * savepoints is prepared. The statement cache is per connection and goes with it (postgres.js
 * closes each connection after 30–60 minutes); PostgreSQL re-plans a cached statement when a
 * table it reads changes, and postgres.js re-prepares one whose result shape changed.
 */
export function preparing<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          (value as Sql["unsafe"]).call(target, query, params as never, {
            ...options,
            prepare: true,
          });
      }
      if (prop === "begin" || prop === "savepoint") {
        // The callback is the last argument (`begin(options?, fn)`, `savepoint(name?, fn)`).
        return (...args: unknown[]) => {
          const fn = args.pop() as (inner: Sql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (inner: Sql) =>
            fn(preparing(inner)),
          );
        };
      }
      return value;
    },
  });
}
