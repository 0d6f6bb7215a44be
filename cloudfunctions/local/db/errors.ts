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
  transactionMissing: () =>
    new DbError('DATABASE_TRANSACTION_FAIL', 'transaction not found, or already committed, aborted or timed out'),
  whereInTransaction: () =>
    new DbError('DATABASE_REQUEST_FAILED', 'only doc() reads and writes and add() are allowed inside a transaction'),
  duplicateKey: (index: string) => new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error index: ${index}`),
  invalid: (message: string) => new DbError('INVALID_PARAM', message),
  unsupported: (action: string) => new DbError('INVALID_ACTION', `unsupported database action ${action}`),
};
