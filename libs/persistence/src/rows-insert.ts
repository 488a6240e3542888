import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows for one table, written by `INSERT … SELECT * FROM unnest(…)`: one array parameter per column, whatever the number of rows. */
export interface RowsInsert {
  /** Quoted and schema-qualified: `"ledger"."postings"`. */
  table: string;
  /** Each column and the Postgres type of its values. */
  columns: ReadonlyArray<readonly [name: string, type: string]>;
  /** Values in the order of `columns`; written in this order (a serial column numbers them so). */
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
  const parameters: unknown[] = [];
  const statements = inserts
    .filter((insert) => insert.rows.length > 0)
    .map((insert) => {
      const arrays = insert.columns.map(([, type], column) => {
        parameters.push(insert.rows.map((row) => row[column]));
        return `$${parameters.length}::${type}[]`;
      });
      return `INSERT INTO ${insert.table} (${insert.columns.map(([name]) => `"${name}"`).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`;
    });
  if (statements.length === 0) return;
  const ctes = statements.slice(0, -1).map((statement, index) => `"insert_${index}" AS (${statement})`);
  await manager.query(ctes.length > 0 ? `WITH ${ctes.join(', ')} ${statements.at(-1)}` : statements[0], parameters);
}

/** These entities as a RowsInsert of their table, from TypeORM's metadata (every column declared with a Postgres type). */
export function entityRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: readonly T[]): RowsInsert {
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.map((column) => {
    if (typeof column.type !== 'string') throw new Error(`${metadata.tableName}.${column.databaseName}: declare its Postgres type to insert it by unnest`);
    return { column, type: column.type, json: column.type === 'jsonb' || column.type === 'json' };
  });
  return {
    table: `"${metadata.schema}"."${metadata.tableName}"`,
    columns: columns.map(({ column, type }) => [column.databaseName, type] as const),
    rows: entities.map((entity) =>
      columns.map(({ column, json }) => {
        const value = column.getEntityValue(entity) as unknown;
        // An array of jsonb is sent as the text of each value.
        return json && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
      }),
    ),
  };
}
