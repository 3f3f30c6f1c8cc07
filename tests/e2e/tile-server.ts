/**
 * A loopback map tile server for tests (there is no internet, and tests must not leave loopback):
 * GET /{z}/{x}/{y}.png answers a generated 256 x 256 PNG (a light grid with the tile's numbers,
 * so a screenshot shows real tiles), with CORS headers like a real tile server. It counts what it
 * served.
 */
import { createServer, type Server } from 'node:http';
import sharp from 'sharp';

export interface TileServer {
  /** The TILE_URL for the app: http://127.0.0.1:port/{z}/{x}/{y}.png */
  tileUrl: string;
  /** Tiles served so far ("z/x/y"). */
  served: string[];
  close(): Promise<void>;
}

const TILE = /^\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.png$/;

async function tile(z: string, x: string, y: string): Promise<Buffer> {
  const shade = (Number(x) + Number(y)) % 2 ? '#e8ecef' : '#f3f5f6';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
<rect width="256" height="256" fill="${shade}"/>
<path d="M0 0H256V256" fill="none" stroke="#b1b4b6" stroke-width="2"/>
<path d="M0 128H256M128 0V256" stroke="#d8dcdf" stroke-width="6"/>
<text x="8" y="24" font-family="sans-serif" font-size="14" fill="#6f777b">${z}/${x}/${y}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function startTileServer(): Promise<TileServer> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const m = TILE.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    served.push(`${m[1]}/${m[2]}/${m[3]}`);
    void tile(m[1]!, m[2]!, m[3]!).then((png) =>
      res
        .writeHead(200, {
          'content-type': 'image/png',
          'access-control-allow-origin': '*',
          'cache-control': 'max-age=3600',
        })
        .end(png),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    tileUrl: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    served,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
