/**
 * A small round-robin load balancer on loopback, in front of several server instances, as a
 * reverse proxy spreads requests in production. Each request goes to the next instance; one that
 * refuses the connection (stopped, or killed and not back yet) is skipped for the next, as
 * nginx's `proxy_next_upstream error` does. A connection lost after the request reached an
 * instance is not retried (the instance may have acted on it): the client's socket is destroyed,
 * as a dead server looks to a phone.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface RoundRobin {
  url: string;
  port: number;
  /** Requests each instance answered, by its index. */
  readonly answered: number[];
  close(): Promise<void>;
}

export async function startRoundRobin(ports: number[]): Promise<RoundRobin> {
  let next = 0;
  const answered = ports.map(() => 0);
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: number) => {
    if (tried >= ports.length) {
      res.socket?.destroy();
      return;
    }
    const index = next++ % ports.length;
    let connected = false;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: ports[index],
        method: req.method,
        path: req.url,
        headers: { ...req.headers, connection: 'close' },
      },
      (answer) => {
        answered[index]!++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.socket?.destroy());
      },
    );
    upstream.on('socket', (s) => s.on('connect', () => (connected = true)));
    upstream.on('error', () => {
      if (!connected && !res.headersSent) forward(req, res, body, tried + 1);
      else res.socket?.destroy();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    answered,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
