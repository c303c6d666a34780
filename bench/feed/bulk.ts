import type pg from 'pg';

/** A UUIDv7 for a given time, its random part drawn from `next` (a seeded generator). */
export function uuidv7At(ms: number, next: () => number): string {
  const bytes = new Uint8Array(16);
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  for (let i = 6; i < 16; i++) bytes[i] = Math.floor(next() * 256);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Column {
  name: string;
  /** The PostgreSQL type of the array element sent, e.g. `uuid`, `text`, `int4`, `timestamptz`. */
  type: string;
  /** The expression inserted, over `u.<name>`; defaults to `u.<name>`. */
  expr?: string;
}

/**
 * Inserts rows in batches of `batch` with one `INSERT … SELECT … FROM unnest(…)` per batch: one
 * array parameter per column, so a batch is a single statement with a handful of parameters.
 */
export async function insertRows(
  pool: pg.Pool,
  table: string,
  columns: Column[],
  rows: unknown[][],
  options: { batch?: number; parallel?: number } = {},
): Promise<void> {
  const batch = options.batch ?? 5000;
  const parallel = options.parallel ?? 2;
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const exprs = columns.map((c) => c.expr ?? `u.${c.name}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${exprs} FROM unnest(${params}) AS u(${names})`;
  const chunks: unknown[][][] = [];
  for (let start = 0; start < rows.length; start += batch)
    chunks.push(rows.slice(start, start + batch));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      const arrays = columns.map((_, i) => chunk.map((row) => row[i]));
      await pool.query(sql, arrays);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
}
