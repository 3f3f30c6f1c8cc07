/**
 * A push service on loopback for the tests: it answers the server's pushes like a browser's push
 * service would, and decrypts each one (RFC 8291, the aes128gcm content coding of RFC 8188) with
 * the subscription's private key and auth secret, made here as a browser makes them.
 *
 * Notes
 * - Decryption is written out from the RFCs with node:crypto, independent of web-push, so a
 *   payload the server encrypts wrongly fails here as it would in a browser.
 * - `answer` decides the status per push (201 unless told), so tests can say 410 or 503.
 */
import { createECDH, createDecipheriv, createHmac, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface PushKeys {
  ecdh: ECDH;
  /** Base64url, as PushSubscription.toJSON() gives them. */
  p256dh: string;
  auth: string;
}

export function makePushKeys(): PushKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** Decrypts an aes128gcm push body (one record) for the subscription's keys. */
export function decryptPush(body: Buffer, keys: PushKeys): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error('a push must be one record');
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  // RFC 8291 section 3.4: the auth secret and both public keys go into the input keying material.
  const prkKey = hmac(Buffer.from(keys.auth, 'base64url'), ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderPublic]);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
  // RFC 8188 section 2.2 and 2.3: content-encryption key and nonce from the salt.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 followed by any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the push has no last-record delimiter');
  return padded.subarray(0, end);
}

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the whole body had arrived. */
  at: number;
}

export interface PushService {
  origin: string;
  /** A subscription endpoint on this service. */
  endpoint(name: string): string;
  received: ReceivedPush[];
  /** Resolves with the next push to this path (or one already received and not yet taken). */
  next(path: string, timeoutMs?: number): Promise<ReceivedPush>;
  /** The status to answer for a push to this path (default 201). */
  answer: (path: string) => number;
  onPush?: (push: ReceivedPush) => void;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const waiting = new Map<string, Array<(p: ReceivedPush) => void>>();
  const taken = new Set<ReceivedPush>();
  const service: PushService = {
    origin: '',
    endpoint: (name) => `${service.origin}/push/${name}`,
    received: [],
    answer: () => 201,
    next(path, timeoutMs = 10_000) {
      const ready = service.received.find((p) => p.path === path && !taken.has(p));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no push to ${path} in ${timeoutMs} ms`)),
          timeoutMs,
        );
        const list = waiting.get(path) ?? [];
        list.push((p) => {
          clearTimeout(timer);
          taken.add(p);
          resolve(p);
        });
        waiting.set(path, list);
      });
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const push: ReceivedPush = {
        path: new URL(req.url ?? '/', service.origin).pathname,
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: performance.now(),
      };
      service.received.push(push);
      res.writeHead(service.answer(push.path)).end();
      service.onPush?.(push);
      const waiter = waiting.get(push.path)?.shift();
      waiter?.(push);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  service.origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return service;
}
