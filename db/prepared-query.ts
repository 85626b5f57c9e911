import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./schema";
import { nameStatement } from "./database";

/**
 * Kysely builds and compiles a query each time it runs one. For a select with a few subqueries that
 * costs several times what SQLite takes to answer it, so a query run on every post is built once per
 * database handle, with a named slot for each value, and each run only fills in the slots.
 *
 * The builder is given slots, not values: read each by its name and put it into the query as a value,
 * untouched (no arithmetic, no branching on it, no spreading the object), because the query's shape is
 * fixed the first time it runs. Compute what needs computing before the call and pass the result as a
 * value of its own.
 */
export function preparedQuery<Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, values: Values) => Compilable<Row>,
): (db: Kysely<Database>, values: Values) => Promise<Row[]> {
  // Keyed by the handle's adapter, which a transaction shares with its database: one compilation per
  // database (and so per dialect), not per transaction.
  const compiled = new WeakMap<object, CompiledQuery<Row>>();
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      query = build(db, slots as Values).compile();
      compiled.set(adapter, query);
      nameStatement(query.sql);
    }
    const parameters = query.parameters.map((parameter) => (isSlot(parameter) ? values[parameter[SLOT]] : parameter));
    const result = await db.executeQuery<Row>({ ...query, queryId: createQueryId(), parameters });
    return result.rows;
  };
}

const SLOT = Symbol("slot");

interface Slot {
  readonly [SLOT]: string;
}

function isSlot(value: unknown): value is Slot {
  return typeof value === "object" && value !== null && SLOT in value;
}

/** Whatever name is asked for, a slot of that name; spreading or listing the slots is refused. */
const slots = new Proxy(
  {},
  {
    get: (_target, name) => (typeof name === "string" ? Object.freeze({ [SLOT]: name }) : undefined),
    ownKeys: () => {
      throw new Error("A prepared query reads each value by its name: the values cannot be spread or listed.");
    },
  },
);
