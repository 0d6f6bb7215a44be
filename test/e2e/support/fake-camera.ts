/**
 * A camera for headless Chromium that sees one QR code: the code drawn into a Y4M video file (raw
 * YUV, so no encoder is needed), which Chromium's fake capture device plays in a loop.
 */
import fs from 'node:fs';
import { create } from 'qrcode/lib/core/qrcode';

const SIDE = 480;
const MODULE_PX = 8;

/** Writes `file` and returns the Chromium switches that make it the camera (permission granted). */
export function qrCamera(text: string, file: string): string[] {
  const { size, data } = create([{ data: Buffer.from(text, 'ascii'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  }).modules;
  const offset = Math.floor((SIDE - size * MODULE_PX) / 2);
  const luma = Buffer.alloc(SIDE * SIDE, 255);
  for (let y = 0; y < size * MODULE_PX; y++)
    for (let x = 0; x < size * MODULE_PX; x++)
      if (data[Math.floor(y / MODULE_PX) * size + Math.floor(x / MODULE_PX)])
        luma[(y + offset) * SIDE + x + offset] = 0;
  const chroma = Buffer.alloc((SIDE / 2) * (SIDE / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${SIDE} H${SIDE} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, Buffer.from('FRAME\n'), luma, chroma]));
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}
