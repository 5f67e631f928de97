import { describe, expect, it } from "vitest";
import { PgDialect, getTableConfig, pgTable, uuid } from "drizzle-orm/pg-core";
import { moneyBigint, moneyRangeCheck } from "./bigint-column";

const table = pgTable(
  "orders_example",
  {
    id: uuid("id").primaryKey(),
    totalMinor: moneyBigint("total_minor").notNull(),
    deltaX100: moneyBigint("delta_x100").notNull(),
  },
  (t) => [
    moneyRangeCheck("orders_example_total", t.totalMinor),
    moneyRangeCheck("orders_example_delta", t.deltaX100, { min: "-9007199254740991" }),
  ],
);

describe("money bigint columns", () => {
  const config = getTableConfig(table);
  const dialect = new PgDialect();

  it("are PostgreSQL bigint read as JavaScript numbers", () => {
    const column = config.columns.find((c) => c.name === "total_minor")!;
    expect(column.getSQLType()).toBe("bigint");
    expect(column.columnType).toBe("PgBigInt53"); // drizzle's `mode: "number"`
  });

  it("carry a CHECK up to 2^53 − 1 with literal bounds", () => {
    const checks = Object.fromEntries(
      config.checks.map((c) => [c.name, dialect.sqlToQuery(c.value)]),
    );
    expect(checks.orders_example_total).toEqual({
      sql: '"orders_example"."total_minor" between 0 and 9007199254740991',
      params: [],
    });
    expect(checks.orders_example_delta).toEqual({
      sql: '"orders_example"."delta_x100" between -9007199254740991 and 9007199254740991',
      params: [],
    });
  });

  it("refuses a bound that is not an integer", () => {
    expect(() => moneyRangeCheck("x", table.totalMinor, { min: 0.5 })).toThrow(RangeError);
  });
});
