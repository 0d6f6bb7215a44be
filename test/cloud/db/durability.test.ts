/**
 * A crash loses no acknowledged write: the local cloud runs as its own process, takes writes
 * through the gateway (each one a function invocation writing through wx-server-sdk), is killed
 * with SIGKILL mid-stream, and on restart every write that was answered is in the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, startTestCloud, tempDataDir } from '../support/local-cloud';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    // tsx as a loader keeps the server in this one process: the tsx CLI would fork a child that
    // survives the SIGKILL aimed at its parent.
    ['--import', 'tsx', 'cloudfunctions/local/cli.ts', '--no-build'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, FUNCTIONS_DIR: FIXTURE_FUNCTIONS, TRIGGERS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`local cloud exited early (${code}): ${out}`)));
  });
}

test('should keep every acknowledged write across a kill -9 of the local cloud', async () => {
  const dataDir = tempDataDir();
  const { child, url } = await startChild(dataDir);
  const acknowledged: string[] = [];
  let n = 0;
  let killed = false;
  // Four writers in parallel; the process is killed while they are still writing.
  const writer = async (w: number) => {
    while (!killed) {
      const id = `w${w}-${n++}`;
      try {
        const res = await fetch(`${url}/api/functions/journal`, { method: 'POST', body: JSON.stringify({ id, n }) });
        if (res.status === 200) acknowledged.push(id);
      } catch {
        return; // the connection died with the process
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  // Kill once enough writes were answered (time alone varies with the machine's load), at most 20 s.
  for (let waited = 0; acknowledged.length < 30 && waited < 20_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  killed = true;
  await exited;
  await Promise.all(writers);
  expect(acknowledged.length).toBeGreaterThan(20);

  const restarted = await startTestCloud({ dataDir, functionsDir: FIXTURE_FUNCTIONS });
  try {
    const stored = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const res = (await restarted.db.handle({
        action: 'database.getDocument',
        collectionName: 'journal',
        queryType: 'WHERE',
        query: '{}',
        offset,
        limit: 1000,
      })) as {
        data: { list: string[] };
      };
      for (const s of res.data.list) stored.add((JSON.parse(s) as { _id: string })._id);
      if (res.data.list.length < 1000) break;
    }
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
  } finally {
    await restarted.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
