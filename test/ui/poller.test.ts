/** The stores' poller: it asks on every tick while started, never twice at once, and not after stop. */
import { Poller } from '../../src/stores/ticker';
import { fakeTicker, settle } from './support/fake-ticker';

test('should ask once a tick, skip a tick while the last round is unanswered, and stop when told', async () => {
  const clock = fakeTicker();
  const answers: Array<() => void> = [];
  let rounds = 0;
  const poller = new Poller(clock.ticker, 1_000, () => {
    rounds += 1;
    return new Promise<void>((resolve) => answers.push(resolve));
  });

  poller.start();
  poller.start();
  expect(clock.running).toBe(1);

  clock.tick();
  clock.tick();
  expect(rounds).toBe(1);

  answers.shift()!();
  await settle();
  clock.tick();
  expect(rounds).toBe(2);

  poller.stop();
  expect(clock.running).toBe(0);
  answers.shift()!();
  await settle();
  clock.tick();
  expect(rounds).toBe(2);
});
