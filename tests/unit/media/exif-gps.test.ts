/** The EXIF GPS reader on real JPEGs written by sharp (libexif), as cameras write them. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExifGps } from '../../../src/app/media/exif-gps';
import { cameraJpeg, pdfBytes } from '../../fixtures/photos';

const toArrayBuffer = (b: Buffer): ArrayBuffer => new Uint8Array(b).buffer;

describe('readExifGps', () => {
  it('reads north-west positions to about a metre', async () => {
    const jpg = await cameraJpeg({ width: 64, height: 48, gps: { lat: 51.8003, long: -0.2051 } });
    const gps = readExifGps(toArrayBuffer(jpg));
    expect(gps!.lat).toBeCloseTo(51.8003, 5);
    expect(gps!.long).toBeCloseTo(-0.2051, 5);
  });

  it('reads south-east positions', async () => {
    const jpg = await cameraJpeg({ width: 32, height: 32, gps: { lat: -33.8568, long: 151.2153 } });
    const gps = readExifGps(toArrayBuffer(jpg));
    expect(gps!.lat).toBeCloseTo(-33.8568, 5);
    expect(gps!.long).toBeCloseTo(151.2153, 5);
  });

  it('gives null without GPS, without EXIF, for other files and for cut-short files', async () => {
    const noGps = await cameraJpeg({ width: 32, height: 32 });
    expect(readExifGps(toArrayBuffer(noGps))).toBeNull();
    const plain = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#888' },
    })
      .jpeg()
      .toBuffer();
    expect(readExifGps(toArrayBuffer(plain))).toBeNull();
    expect(readExifGps(toArrayBuffer(pdfBytes()))).toBeNull();
    const withGps = await cameraJpeg({ width: 32, height: 32, gps: { lat: 51.7, long: -0.2 } });
    for (const n of [3, 20, 60, 120, 200]) {
      expect(() => readExifGps(toArrayBuffer(withGps.subarray(0, n)))).not.toThrow();
    }
  });
});
