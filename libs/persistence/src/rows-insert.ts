import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows for one table, sent as ONE JSON parameter whatever their number (see insertTogether). */
export interface RowsInsert {
  /** Quoted and schema-qualified: `"ledger"."postings"`. */
  table: string;
  /** Each column and the Postgres type of its values. */
  columns: ReadonlyArray<readonly [name: string, type: string]>;
  /**
   * Values in the order of `columns`, written in this order (a serial column numbers them so): a json or
   * jsonb column's value is its JSON text; a bigint's, a string of its digits; a timestamp's, a Date.
   */
  rows: ReadonlyArray<readonly unknown[]>;
}

/**
 * Writes every insert in ONE statement, the others as data-modifying CTEs of the last: one round trip
 * inside the caller's transaction, however many tables. Inside a transaction each round trip waits for
 * the caller's event loop while the transaction holds its locks (and, embedded, the one session every
 * service shares), so a unit that ends by writing to several tables is cheaper this way. Constraints and
 * triggers see the whole statement's rows: a foreign key between two of the tables holds.
 */
export async function insertTogether(manager: EntityManager, inserts: readonly RowsInsert[]): Promise<void> {
  const parameters: string[] = [];
  const statements = inserts
    .filter((insert) => insert.rows.length > 0)
    .map((insert) => {
      parameters.push(rowsAsJson(insert));
      const names = insert.columns.map(([name]) => `"${name}"`).join(', ');
      const record = insert.columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
      return `INSERT INTO ${insert.table} (${names}) SELECT ${names} FROM jsonb_to_recordset($${parameters.length}::jsonb) AS "row"(${record})`;
    });
  if (statements.length === 0) return;
  const ctes = statements.slice(0, -1).map((statement, index) => `"insert_${index}" AS (${statement})`);
  await manager.query(ctes.length > 0 ? `WITH ${ctes.join(', ')} ${statements.at(-1)}` : statements[0], parameters);
}

/**
 * The rows as one JSON array of objects. One parameter rather than an array per column: the driver escapes
 * every element of a text array one by one (the JSON of events, above all), where JSON.stringify is native.
 */
function rowsAsJson({ columns, rows }: RowsInsert): string {
  const keys = columns.map(([name]) => `${JSON.stringify(name)}:`);
  const asText = columns.map(([, type]) => isJson(type));
  const value = (value: unknown, column: number) => (value === null || value === undefined ? 'null' : asText[column] ? (value as string) : JSON.stringify(value));
  return `[${rows.map((row) => `{${row.map((cell, column) => keys[column] + value(cell, column)).join(',')}}`).join(',')}]`;
}

const isJson = (type: string) => type === 'json' || type === 'jsonb';

/** These entities as a RowsInsert of their table, from TypeORM's metadata (every column declared with a Postgres type). */
export function entityRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: readonly T[]): RowsInsert {
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.map((column) => {
    if (typeof column.type !== 'string') throw new Error(`${metadata.tableName}.${column.databaseName}: declare its Postgres type to insert it with insertTogether`);
    return { column, type: column.type, json: isJson(column.type) };
  });
  return {
    table: `"${metadata.schema}"."${metadata.tableName}"`,
    columns: columns.map(({ column, type }) => [column.databaseName, type] as const),
    rows: entities.map((entity) =>
      columns.map(({ column, json }) => {
        const value = column.getEntityValue(entity) as unknown;
        return json && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
      }),
    ),
  };
}
