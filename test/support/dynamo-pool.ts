import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';

/**
 * DynamoDB Local for a test run, renewed as the run goes. DynamoDB Local keeps every stream
 * record it ever wrote (across tables, deleted ones too), and each write costs more the more
 * records it holds: 500 items written to a fresh streamed table took 0.9 s with 10,000 records
 * behind them and 6 s with 200,000 (without a stream, 0.34 s flat; docs/testing.md). One instance
 * for the whole suite made its last files several times slower than its first. So every
 * `filesPerInstance` test files get a fresh instance, started ahead of time while the previous
 * files run; an instance stops once its last file has released it.
 */
interface Instance {
  id: number;
  endpoint: string;
  handed: number;
  leases: number;
  stop(): Promise<void>;
}

export const startDynamoPool = async (options: { filesPerInstance: number; readyWithinMs: number }) => {
  let ids = 0;
  const instances = new Map<number, Instance>();
  const spawn = async (): Promise<Instance> => {
    const dynamo = await startDynamoDbLocal({ port: await freePort(), readyWithinMs: options.readyWithinMs });
    const instance = { id: ++ids, endpoint: dynamo.endpoint, handed: 0, leases: 0, stop: dynamo.stop };
    instances.set(instance.id, instance);
    return instance;
  };
  const retire = async (instance: Instance) => {
    if (instance === current || instance.leases > 0 || !instances.delete(instance.id)) return;
    await instance.stop();
  };

  // The next instance boots (a few seconds of one core) once half of the current one's files
  // are handed out, and then idles (0.1 s of CPU in 10 s) until its turn: no file waits for a
  // JVM, and a run of a few files starts only one.
  const spawnNext = () => {
    const spawned = spawn();
    spawned.catch(() => {});
    return spawned;
  };
  let current = await spawn();
  let next: Promise<Instance> | null = null;
  // Leases are handed one at a time, so two files asking at once never both switch instances.
  let queue: Promise<unknown> = Promise.resolve();
  const lease = async () => {
    if (current.handed >= options.filesPerInstance) {
      const previous = current;
      current = await (next ?? spawn());
      next = null;
      await retire(previous);
    }
    if (!next && current.handed >= options.filesPerInstance / 2) next = spawnNext();
    current.handed++;
    current.leases++;
    return { id: current.id, endpoint: current.endpoint };
  };

  const server = createServer((request, response) => {
    const done = (status: number, body: unknown) => {
      // No keep-alive: a file's release, minutes after its lease, must not reuse a socket this
      // server is closing at that moment (fetch fails with "other side closed").
      response
        .writeHead(status, { 'content-type': 'application/json', connection: 'close' })
        .end(JSON.stringify(body));
    };
    const released = /^\/release\/(\d+)$/.exec(request.url ?? '');
    if (request.method === 'POST' && request.url === '/lease') {
      const handed = queue.then(lease);
      queue = handed.catch(() => {});
      handed.then(
        (leased) => done(200, leased),
        (error: Error) => done(500, { message: error.message }),
      );
    } else if (request.method === 'POST' && released) {
      const instance = instances.get(Number(released[1]));
      if (instance) instance.leases = Math.max(0, instance.leases - 1);
      (instance ? retire(instance) : Promise.resolve()).then(
        () => done(200, {}),
        (error: Error) => done(500, { message: error.message }),
      );
    } else done(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await next?.catch(() => null);
      await Promise.all([...instances.values()].map((instance) => instance.stop()));
      instances.clear();
    },
  };
};
