/** Reads a PNG's IHDR (size, bit depth, colour type): enough for M004, no decoder needed. */
import type { PngInfo } from './context.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The header of a PNG, or null when the bytes are not a PNG. */
export const pngInfo = (bytes: Buffer): PngInfo | null => {
  if (bytes.length < 29 || !bytes.subarray(0, 8).equals(SIGNATURE)) return null;
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colorType: bytes.readUInt8(25),
  };
};
