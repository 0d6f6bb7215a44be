/** The cloud database's error answers, with the codes wx-server-sdk and callers recognise. */

export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const dbErrors = {
  collectionMissing: (name: string) =>
    new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}. (database collection not exists)`),
  collectionExists: (name: string) =>
    new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`),
  conflict: () => new DbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict'),
  /**
   * A write inside a transaction that conflicts (MongoDB's WriteConflict). wx-server-sdk drops the
   * `code` of a doc operation's answer on the way to the callback (checkError keeps only the
   * message, errCode -501001), so the message starts with the code: it is the one exact marker
   * left for core/tx.ts to recognise.
   */
  writeConflict: (coll: string, id: string, by: string) =>
    new DbError(
      'DATABASE_TRANSACTION_CONFLICT',
      `DATABASE_TRANSACTION_CONFLICT: write conflict on ${coll}/${id}, written by ${by}; the transaction was aborted, retry it`,
    ),
  transactionMissing: () =>
    new DbError('DATABASE_TRANSACTION_FAIL', 'transaction not found, or already committed, aborted or timed out'),
  whereInTransaction: () =>
    new DbError('DATABASE_REQUEST_FAILED', 'only doc() reads and writes and add() are allowed inside a transaction'),
  duplicateKey: (index: string) => new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error index: ${index}`),
  invalid: (message: string) => new DbError('INVALID_PARAM', message),
  unsupported: (action: string) => new DbError('INVALID_ACTION', `unsupported database action ${action}`),
};
