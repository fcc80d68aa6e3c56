// Decodes a huge JPEG (108 and 200 MP camera modes) at reduced scale, so the phone never
// holds its full-size pixels: libjpeg-turbo in WebAssembly (npm @cwasm/jpeg-turbo, served
// by the page itself as assets/jpeg-turbo.wasm) computes its scaled IDCT, 1/8 to 1, and
// only the reduced image is ever in memory (a browser's createImageBitmap resize decodes
// the full image first: ~1 GB for 108 MP). The page starts this worker only when such a
// photo is picked and ends it after one photo, which gives the memory back.
'use strict';

const TJPF_RGBA = 7;
const MIN_SIDE = 2160; // twice the 1080 px avatar: sharp up to 2x zoom

self.onmessage = async (event) => {
  const { file, wasm } = event.data;
  try {
    const result = await decode(file, wasm);
    self.postMessage(result, [result.bitmap]);
  } catch (err) {
    self.postMessage({ error: String((err && err.message) || err) });
  }
};

async function decoder(wasm) {
  const imports = {
    env: { setjmp: () => 0, longjmp: () => { throw new Error('libjpeg error'); } },
    wasi_snapshot_preview1: {
      proc_exit: () => { throw new Error('exit'); },
      environ_sizes_get: () => 0,
      environ_get: () => 0,
      fd_close: () => 0,
      fd_seek: () => 0,
      fd_write: () => 0,
    },
  };
  const bytes = await (await fetch(wasm)).arrayBuffer();
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  return instance.exports;
}

/** EXIF orientation (1-8) from the APP1 segment, 1 when there is none. */
function orientation(data) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 2;
  while (at + 4 < view.byteLength && view.getUint8(at) === 0xff) {
    const marker = view.getUint8(at + 1);
    const length = view.getUint16(at + 2);
    if (marker === 0xda) break; // image data: no EXIF before it
    if (marker === 0xe1 && view.getUint32(at + 4) === 0x45786966) { // "Exif"
      const tiff = at + 10;
      const little = view.getUint16(tiff) === 0x4949;
      const ifd = tiff + view.getUint32(tiff + 4, little);
      const count = view.getUint16(ifd, little);
      for (let i = 0; i < count; i += 1) {
        const entry = ifd + 2 + i * 12;
        if (view.getUint16(entry, little) === 0x0112) {
          const value = view.getUint16(entry + 8, little);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    at += 2 + length;
  }
  return 1;
}

/** The bitmap turned upright as EXIF orientation `o` says (drawn on a canvas of the
 * turned size). */
function upright(bitmap, o) {
  if (o === 1) return bitmap;
  const w = bitmap.width;
  const h = bitmap.height;
  const swap = o >= 5;
  const canvas = new OffscreenCanvas(swap ? h : w, swap ? w : h);
  const ctx = canvas.getContext('2d');
  const transforms = {
    2: [-1, 0, 0, 1, w, 0], 3: [-1, 0, 0, -1, w, h], 4: [1, 0, 0, -1, 0, h],
    5: [0, 1, 1, 0, 0, 0], 6: [0, 1, -1, 0, h, 0], 7: [0, -1, -1, 0, h, w], 8: [0, -1, 1, 0, 0, w],
  };
  ctx.setTransform(...transforms[o]);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.transferToImageBitmap();
}

async function decode(file, wasm) {
  const x = await decoder(wasm);
  let data = new Uint8Array(await file.arrayBuffer());
  const turn = orientation(data);
  const size = data.byteLength;
  const input = x.malloc(size);
  new Uint8Array(x.memory.buffer, input, size).set(data);
  data = null; // only the copy in the decoder's memory stays
  const handle = x.tjInitDecompress();
  const meta = x.malloc(16);
  try {
    if (x.tjDecompressHeader3(handle, input, size, meta, meta + 4, meta + 8, meta + 12) !== 0) {
      throw new Error('not a JPEG');
    }
    const [width, height] = new Uint32Array(x.memory.buffer, meta, 2);
    // The smallest scale n/8 that keeps the short side at least MIN_SIDE.
    let n = 1;
    while (n < 8 && Math.ceil((Math.min(width, height) * n) / 8) < MIN_SIDE) n += 1;
    const w = Math.ceil((width * n) / 8);
    const h = Math.ceil((height * n) / 8);
    const output = x.malloc(w * h * 4);
    if (!output) throw new Error('out of memory');
    if (x.tjDecompress2(handle, input, size, output, w, 0, h, TJPF_RGBA, 0) !== 0) {
      throw new Error('JPEG data');
    }
    x.free(input);
    const pixels = new Uint8ClampedArray(x.memory.buffer, output, w * h * 4);
    const bitmap = upright(await createImageBitmap(new ImageData(pixels, w, h)), turn);
    x.free(output);
    return { bitmap, scale: n / 8, width, height };
  } finally {
    x.free(meta);
    x.tjDestroy(handle);
  }
}
