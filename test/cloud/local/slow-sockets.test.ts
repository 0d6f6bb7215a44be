/**
 * Slow clients are cut off: a socket that sends its headers, or its body, a byte at a time is
 * answered 408 and closed once the headers or the whole request take too long, and what it held in
 * the gateway meanwhile (a call slot of its address) is given back.
 */
import net from 'node:net';
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

jest.setTimeout(30_000);

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({
    functionsDir: FIXTURE_FUNCTIONS,
    triggers: false,
    headersTimeoutMs: 500,
    requestTimeoutMs: 1_000,
    maxCallsPerCaller: 2,
  });
});

afterAll(async () => {
  await cloud.close();
});

/**
 * Opens a socket, sends `head` at once, then one byte of `dribble` every 50 ms for as long as the
 * socket stays open. Resolves with what the server answered, whether the server closed it while the
 * client still had bytes to send, and how many bytes the client managed to dribble.
 */
function dribbler(head: string, dribble: string): Promise<{ answer: string; cutOff: boolean; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(cloud.port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < dribble.length && !socket.destroyed) socket.write(dribble[sent++]!);
      }, 50);
    });
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, cutOff: sent < dribble.length, sent });
    });
    setTimeout(() => reject(new Error('the server never closed the slow socket')), 20_000).unref();
  });
}

// 400 bytes at 50 ms a byte: 20 s to send, far past both limits.
const PAD = 'x'.repeat(400);

test('should answer 408 and close a socket that sends its headers a byte at a time', async () => {
  const r = await dribbler('POST /api/functions/slow HTTP/1.1\r\nHost: local\r\nX-Pad: ', PAD);
  expect(r.cutOff).toBe(true);
  expect(r.answer).toMatch(/^HTTP\/1\.1 408 /);
});

test('should answer 408 and close a socket that sends its body a byte at a time, giving its call slot back', async () => {
  const head = `POST /api/functions/slow HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\nContent-Length: ${PAD.length + 11}\r\n\r\n{"ms":1,"p":"`;
  // Both slots of this address are held by the dribblers until they are cut off.
  const cut = await Promise.all([dribbler(head, PAD), dribbler(head, PAD)]);
  for (const r of cut) {
    expect(r.cutOff).toBe(true);
    expect(r.answer).toMatch(/^HTTP\/1\.1 408 /);
  }
  const after = await Promise.all([cloud.post('slow', { ms: 1 }), cloud.post('slow', { ms: 2 })]);
  expect(after.map((a) => a.status)).toEqual([200, 200]);
});
