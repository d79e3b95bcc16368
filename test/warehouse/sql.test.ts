/**
 * Issue 20 item 1: one schema and the same queries for DuckDB, BigQuery, Snowflake and
 * Postgres/Redshift. The DuckDB files run on the real engine (load.test.ts); the other dialects
 * are parsed with node-sql-parser for their dialect, so a syntax error fails here, and their
 * tables and result columns must be the DuckDB ones (no dialect drifts).
 */
import pkg from 'node-sql-parser';
import { readFileSync } from 'node:fs';
import {
  DIALECTS,
  queryNames,
  sqlFile,
  sqlFiles,
  tableColumns,
  Warehouse,
} from '../../warehouse/duckdb.js';
import type { Dialect } from '../../warehouse/duckdb.js';

const { Parser } = pkg;
const parser = new Parser();
const DATABASE: Record<Exclude<Dialect, 'duckdb'>, string> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  postgres: 'postgresql',
};
const OTHERS = ['bigquery', 'snowflake', 'postgres'] as const;

type Ast = Record<string, unknown>;
const statements = (dialect: (typeof OTHERS)[number], sql: string): Ast[] => {
  const ast = parser.astify(sql, { database: DATABASE[dialect] }) as unknown;
  return (Array.isArray(ast) ? ast : [ast]) as Ast[];
};

/** The names of the final SELECT's result columns. */
const resultColumns = (ast: Ast): string[] =>
  (
    ast.columns as Array<{
      as: string | null;
      expr: { column?: string | { expr?: { value?: string } } };
    }>
  ).map((c) => {
    if (c.as) return c.as;
    const column = c.expr.column;
    return typeof column === 'string' ? column : String(column?.expr?.value);
  });

const createdColumns = (ast: Ast): string[] =>
  (ast.create_definitions as Array<{ column?: { column: string | { expr: { value: string } } } }>)
    .filter((d) => d.column)
    .map((d) => {
      const column = d.column?.column;
      return typeof column === 'string' ? column : String(column?.expr.value);
    });

let duck: Warehouse;
let tableCols: string[];
beforeAll(async () => {
  duck = await Warehouse.open();
  tableCols = await tableColumns(duck, 'nps_responses');
});
afterAll(() => duck.close());

describe('the SQL of every dialect', () => {
  test('every dialect has the schema and the same queries', () => {
    expect(queryNames('duckdb')).toEqual([
      'detractors_without_follow_up',
      'monthly_nps_by_survey',
      'monthly_segment_share',
      'monthly_themes',
      'nps_trend',
    ]);
    for (const dialect of DIALECTS) expect(sqlFiles(dialect)).toEqual(sqlFiles('duckdb'));
  });

  test.each(OTHERS.flatMap((d) => sqlFiles(d).map((name) => [d, name] as const)))(
    '%s/%s.sql parses in its dialect',
    (dialect, name) => {
      expect(statements(dialect, sqlFile(dialect, name)).length).toBeGreaterThan(0);
    },
  );

  test.each(OTHERS)('%s: the table has exactly the DuckDB columns, in order', (dialect) => {
    const create = statements(dialect, sqlFile(dialect, 'schema')).find(
      (s) => s.type === 'create' && s.keyword === 'table',
    );
    expect(create && createdColumns(create)).toEqual(tableCols);
  });

  test.each(OTHERS.flatMap((d) => queryNames(d).map((name) => [d, name] as const)))(
    '%s/%s.sql returns the columns the DuckDB query returns',
    async (dialect, name) => {
      const select = statements(dialect, sqlFile(dialect, name)).at(-1) as Ast;
      const params = {
        grain: 'month',
        timezone: 'UTC',
        since: '2026-01-01T00:00:00Z',
        until: '2026-02-01T00:00:00Z',
      };
      const reader = await duck.connection.runAndReadAll(
        sqlFile('duckdb', name),
        Object.fromEntries(
          Object.entries(params).filter(([k]) => sqlFile('duckdb', name).includes(`$${k}`)),
        ),
      );
      expect(resultColumns(select)).toEqual(reader.columnNames());
    },
  );

  test('a syntax error fails the parse (the check is not a formality)', () => {
    const broken = sqlFile('bigquery', 'nps_trend').replace(
      'COUNT(*) AS responses,',
      'COUNT(*) AS responses',
    );
    expect(() => statements('bigquery', broken)).toThrow();
    const snowflake = sqlFile('snowflake', 'nps_trend').replace('GROUP BY period', 'GROUP period');
    expect(() => statements('snowflake', snowflake)).toThrow();
    const postgres = sqlFile('postgres', 'nps_trend').replace('GROUP BY 1', 'GROUP BY 1 WHERE');
    expect(() => statements('postgres', postgres)).toThrow();
  });

  test.each(DIALECTS)('%s: every query leaves test records out, and says so', (dialect) => {
    for (const name of queryNames(dialect)) {
      const sql = sqlFile(dialect, name);
      const comments = sql
        .split('\n')
        .filter((line) => line.trimStart().startsWith('--'))
        .join(' ');
      const code = sql.replace(/--[^\n]*/g, '');
      expect([name, /Test records \(test = true\) are left out/.test(comments)]).toEqual([
        name,
        true,
      ]);
      // Each query reads the live view (DuckDB's NPS trend and segment shares through its macro
      // nps_by_period, which reads it), never the table or the view with every version.
      expect([name, /\bnps_(responses_live|by_period)\b/.test(code)]).toEqual([name, true]);
      expect([name, /\bnps_responses(_latest)?\b/.test(code)]).toEqual([name, false]);
    }
    const live = /CREATE OR REPLACE VIEW (nps\.)?nps_responses_live AS[^;]*;/.exec(
      sqlFile(dialect, 'schema'),
    )?.[0];
    expect(live).toMatch(
      /FROM (nps\.)?nps_responses_latest\s+WHERE NOT COALESCE\(test, FALSE\);$/i,
    );
    if (dialect === 'duckdb')
      expect(sqlFile(dialect, 'schema')).toMatch(
        /MACRO nps_by_period[^;]*FROM nps_responses_live\b/,
      );
  });

  // The parameter that picks months or ISO weeks, in each dialect's own style for parameters.
  const GRAIN: Record<Dialect, RegExp> = {
    duckdb: /nps_by_period\(\$grain,/,
    bigquery: /CASE @grain\b/,
    snowflake: /CASE \$nps_grain\b/,
    postgres: /'month'::VARCHAR AS grain,[\s\S]*CASE p\.grain\b/,
  };
  test.each(DIALECTS)(
    '%s: one NPS trend query for months and ISO weeks, the grain its parameter',
    (dialect) => {
      const code = sqlFile(dialect, 'nps_trend').replace(/--[^\n]*/g, '');
      expect(code).toMatch(GRAIN[dialect]);
      const grains = dialect === 'duckdb' ? sqlFile('duckdb', 'schema') : code;
      expect(grains).toMatch(/WHEN 'month' THEN[^\n]*(%Y-%m|'YYYY-MM')/);
      expect(grains).toMatch(/WHEN 'week' THEN[^\n]*(%G-W%V|'IYYY-"W"IW'|YEAROFWEEKISO)/);
    },
  );

  test('NPS is never an average: no dialect averages the score', () => {
    for (const dialect of DIALECTS)
      for (const name of queryNames(dialect))
        expect(sqlFile(dialect, name)).not.toMatch(/AVG\s*\(/i);
  });

  test('the engine and the parser are dev tools: never in the Zapier zip', () => {
    const pkgJson = JSON.parse(readFileSync('package.json', 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    for (const name of ['@duckdb/node-api', 'node-sql-parser']) {
      expect(pkgJson.devDependencies?.[name]).toBeDefined();
      expect(pkgJson.dependencies?.[name]).toBeUndefined();
    }
    expect(readFileSync('release/build-zip.sh', 'utf8')).toContain('npm ci --omit=dev');
  });
});
