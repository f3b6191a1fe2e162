import type { ChainableCommander } from 'ioredis';

/** Runs `MULTI ... EXEC`, which reports per-command errors in its answer instead of rejecting. */
export async function execTransaction(transaction: ChainableCommander): Promise<void> {
  const results = await transaction.exec();
  if (results === null) throw new Error('redis transaction aborted');
  for (const [err] of results) if (err !== null) throw err;
}
