/**
 * A multipart upload refused before its body has been read (a file over the limit) must not leave
 * the keep-alive connection stalled: the answer says `Connection: close` and the server closes it,
 * so the client's next request goes on a fresh connection instead of waiting on this one.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachStore, flyTipping } from './helpers';
import { multipartWithFiles } from './media-helpers';
import { MAX_FILE_BYTES } from '../../src/server/media/uploads';

interface Exchange {
  head: string;
  /** Whether the server ended the connection. */
  closed: boolean;
  /** The second request's status line, when it was answered on the same connection. */
  second: string | null;
}

/** Sends the upload then a GET on the same socket; reports what came back within `waitMs`. */
function uploadThenGet(port: number, body: Buffer, contentType: string, waitMs: number) {
  return new Promise<Exchange>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    const finish = () => {
      const responses = received.split(/(?=HTTP\/1\.1 )/);
      resolve({
        head: responses[0] ?? '',
        closed,
        second: responses[1]?.split('\r\n')[0] ?? null,
      });
      socket.destroy();
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    socket.on('error', () => undefined);
    socket.write(
      `POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  });
}

describeEachStore('early 413 on a keep-alive connection', (t) => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await t.openInstance();
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => app.close());

  it('answers 413 with Connection: close and closes, instead of stalling the connection', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 2 * 1024 * 1024, 0x41);
    big.write('\xff\xd8\xff\xe0', 'latin1');
    const body = multipartWithFiles(flyTipping(), [
      { name: 'huge.jpg', type: 'image/jpeg', bytes: big },
    ]);
    const got = await uploadThenGet(port, body.payload, body.contentType, 10_000);
    expect(got.head).toMatch(/^HTTP\/1\.1 413/);
    // Either the server closed (the client retries on a new connection) or it answered the next
    // request on this one; what it may not do is leave it waiting.
    expect(got.closed || got.second !== null, got.head).toBe(true);
    if (!got.closed) expect(got.second).toMatch(/^HTTP\/1\.1 200/);
    else expect(got.head.toLowerCase()).toContain('connection: close');
  }, 30_000);
});
