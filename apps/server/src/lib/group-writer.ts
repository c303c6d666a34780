/**
 * Group commit for rows written outside a transaction: while one write is in flight, the rows
 * that arrive meanwhile wait and are written together by the next one, so under load many
 * requests share one statement (one round trip, one commit) and at rest a row is written at
 * once. Each caller's promise settles only when its own row is committed: nothing answered is
 * lost in a crash. A batch that fails is written again row by row, so one bad row fails alone.
 */
export function createGroupWriter<T>(
  write: (rows: T[]) => Promise<void>,
  maxBatch = 500,
): { write(row: T): Promise<void> } {
  let pending: { row: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        try {
          await write(batch.map((item) => item.row));
          for (const item of batch) item.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const item of batch) {
            await write([item.row]).then(item.resolve, item.reject);
          }
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    write(row) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ row, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
