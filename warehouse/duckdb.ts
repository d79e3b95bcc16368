/**
 * The DuckDB warehouse: the schema and queries of warehouse/duckdb/ on a real embedded engine
 * (@duckdb/node-api, a devDependency: it never enters the Zapier zip). Used by the loader, the
 * tests, `npm start` and the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const WAREHOUSE_DIR = dirname(fileURLToPath(import.meta.url));
export const DIALECTS = ['duckdb', 'bigquery', 'snowflake', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** The text of one SQL file, e.g. sqlFile('duckdb', 'nps_trend'). */
export const sqlFile = (dialect: Dialect, name: string): string =>
  readFileSync(join(WAREHOUSE_DIR, dialect, `${name}.sql`), 'utf8');

/** The SQL files of a dialect, by name (without `.sql`), sorted. */
export const sqlFiles = (dialect: Dialect): string[] =>
  readdirSync(join(WAREHOUSE_DIR, dialect))
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.slice(0, -4))
    .sort();

/** The query files (every file but the schema). */
export const queryNames = (dialect: Dialect = 'duckdb'): string[] =>
  sqlFiles(dialect).filter((name) => name !== 'schema');

/** A row as plain JS values (BIGINT counts become numbers; they are far below 2^53). */
export type SqlRow = Record<string, string | number | boolean | null>;

const plain = (value: unknown): string | number | boolean | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
};

/** The `$name` parameters a DuckDB query uses. */
export const parameterNames = (sql: string): string[] => [
  ...new Set(
    [...sql.replace(/--[^\n]*/g, '').matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => String(m[1])),
  ),
];

/** The columns of a CREATE TABLE statement, in order, from a DuckDB schema. */
export const tableColumns = async (warehouse: Warehouse, table: string): Promise<string[]> =>
  (
    await warehouse.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $table ORDER BY ordinal_position`,
      { table },
    )
  ).map((row) => String(row.column_name));

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (or creates) a database file, or an in-memory one, and applies the schema. */
  static async open(path = ':memory:'): Promise<Warehouse> {
    const instance = await DuckDBInstance.create(path);
    const warehouse = new Warehouse(instance, await instance.connect());
    await warehouse.connection.run(sqlFile('duckdb', 'schema'));
    return warehouse;
  }

  /** Runs SQL with named parameters (only those it uses are bound) and returns plain rows. */
  async query(sql: string, params: Record<string, string | number> = {}): Promise<SqlRow[]> {
    const used = parameterNames(sql);
    for (const name of used) {
      if (!(name in params)) throw new Error(`the query needs the parameter $${name}`);
    }
    const values = Object.fromEntries(used.map((name) => [name, params[name] as string | number]));
    const reader = await this.connection.runAndReadAll(sql, used.length ? values : undefined);
    return reader
      .getRowObjectsJS()
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  }

  /** Runs one of the query files of warehouse/duckdb/. */
  run(name: string, params: Record<string, string | number> = {}): Promise<SqlRow[]> {
    return this.query(sqlFile('duckdb', name), params);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
