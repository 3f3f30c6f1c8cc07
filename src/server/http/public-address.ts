/**
 * Where the server is, as seen from outside: which proxies in front may say who the client is
 * (TRUST_PROXY), and the address our own URLs start with (PUBLIC_URL).
 *
 * Notes
 * - TRUST_PROXY is a number of proxies in front (1 behind one load balancer) or a list of their
 *   addresses and networks. Fastify then takes the client's address from the right of
 *   X-Forwarded-For, skipping only trusted proxies. "true" is refused: it would take the
 *   left-most value, which the client writes itself, and so let anyone choose their address.
 * - PUBLIC_URL is an origin (scheme, host, port). Media URLs and the discovery document use it,
 *   never the request's Host header, which the client also writes.
 */
import { isIP } from 'node:net';

export type TrustProxy = false | number | string[];

const isAddressOrNetwork = (value: string) => {
  const [address, bits, extra] = value.split('/');
  if (extra !== undefined || !address || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
};

export function readTrustProxy(env: NodeJS.ProcessEnv, problems: string[]): TrustProxy {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  if (raw === 'true') {
    problems.push(
      'TRUST_PROXY: "true" would let any client choose its own address; give the number of proxies in front of the server (usually 1) or a comma-separated list of their addresses (like 10.0.0.5 or 10.0.0.0/8)',
    );
    return false;
  }
  const list = raw.split(',').map((s) => s.trim());
  const bad = list.filter((a) => !isAddressOrNetwork(a));
  if (bad.length) {
    problems.push(
      `TRUST_PROXY: "${bad.join('", "')}" is not an IP address or network; give the number of proxies in front of the server or a comma-separated list of their addresses`,
    );
    return false;
  }
  return list;
}

export function readPublicUrl(env: NodeJS.ProcessEnv, problems: string[]): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username
  ) {
    problems.push(
      `PUBLIC_URL: "${raw.slice(0, 100)}" is not an http(s) address without a path, like https://reports.council.example`,
    );
    return null;
  }
  return url.origin;
}

/** Fastify's `trustProxy` for the setting: a number of hops becomes "trust the first n hops". */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
