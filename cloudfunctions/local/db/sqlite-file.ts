/**
 * Opens one of the local cloud's SQLite files (the database, the simulated WeChat Pay) the same way:
 * readable by its owner only — they hold every card's code hash, balances and who paid what — in WAL
 * mode, where NORMAL sync survives a process crash (kill -9); only power loss can drop the last commits.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';

const OWNER_ONLY = 0o600;

export function openSqliteFile(file: string): Database.Database {
  if (file !== ':memory:') {
    // Created owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    fs.closeSync(fs.openSync(file, 'a', OWNER_ONLY));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, OWNER_ONLY);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
