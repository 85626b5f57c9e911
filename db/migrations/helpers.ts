import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import { dialectOf } from "../database";

/**
 * The one place migrations differ between SQLite and PostgreSQL: how an integer key is generated.
 * Everything else in a migration uses types both understand (integer, text).
 */
export function isPostgres(db: Kysely<any>): boolean {
  return dialectOf(db) === "postgres";
}

export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn("id", "integer", (col) => col.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (col) => col.primaryKey().autoIncrement());
}

export const notNullDefault =
  (value: string | number) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().defaultTo(value);
