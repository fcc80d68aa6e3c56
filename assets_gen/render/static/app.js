// The member page: frames a photo in the browser. The photo never leaves the device:
// no request carries it; the avatar is drawn on a canvas and saved from a local blob.
// The only request the page makes besides its own files is the participation counter,
// `{"unit", "style"}` when a member downloads or shares, where the page has a counter.
//
// The placement model is the server's (assets_gen/photo.py, Placement): the photo covers
// the square with its shorter side, is turned clockwise in 90-degree steps, enlarged by
// `zoom` (1-4), and x, y (0-1) choose which part of the overflow shows.
//
// Frames: one image per style without a unit, and one per style without the unit's name;
// the unit's name is drawn here with the kit's font, where and at the size the CLI draws
// it (the config carries each unit's placed text, from assets_gen/render/frame.py).
'use strict';

(function () {
  // The configuration and the first choice, read by the script inlined in the page's head
  // (static/boot.js), which also started loading the first frame.
  const boot = window.avatarBoot;
  const cfg = boot.cfg;
  const SIZE = cfg.size;
  const PREVIEW_SIDE = 2048; // the on-screen preview draws from a bitmap at most this small side
  const REDUCED_PIXELS = 16e6; // photos over cfg.maxPixels are decoded at about this size
  const STORE = 'avatar-page-choice';
  const $ = (id) => document.getElementById(id);
  const els = {
    input: $('photo'), pickerText: $('picker-text'), message: $('message'), canvas: $('canvas'),
    busy: $('busy'), zoom: $('zoom'), zoomValue: $('zoom-value'), left: $('rotate-left'),
    right: $('rotate-right'), reset: $('reset'), download: $('download'), share: $('share'),
    done: $('done'), saveError: $('save-error'), frameError: $('frame-error'), result: $('result'),
    resultImage: $('result-image'), large: $('circle-large'), small: $('circle-small'),
    unitSearch: $('unit-search'), unitList: $('units'), unitEmpty: $('unit-empty'), caption: $('caption'),
    copy: $('copy'), copied: $('copied'), counter: $('counter'), countTotal: $('count-total'),
    topUnits: $('top-units'),
  };
  const units = new Map(cfg.units.map((u) => [u.slug, u]));
  const styles = new Map(cfg.styles.map((s) => [s.name, s]));
  const state = {
    full: null, // ImageBitmap of the photo (upright), at most about REDUCED_PIXELS when it was huge
    preview: null, // the same, scaled down for smooth dragging
    style: cfg.styles[0].name,
    unit: '',
    place: { ...cfg.placement },
    frame: null, // the frame of (frameKey), drawn over the photo
    frameKey: '',
    exactKey: '', // the style/unit whose exact frame (not the light preview) is shown
  };

  // -- placement (mirrors assets_gen/photo.py _square) ---------------------------------

  /** The crop window in the turned photo's pixels: {left, top, side, W, H}. */
  function cropWindow(w, h, p) {
    const turned = p.rotate % 180 !== 0;
    const W = turned ? h : w;
    const H = turned ? w : h;
    const side = Math.min(W, H) / p.zoom;
    return { left: (W - side) * p.x, top: (H - side) * p.y, side, W, H };
  }

  /** Draw the placed photo into a size x size context. */
  function drawPhoto(ctx, size, bmp, p) {
    const w = bmp.width;
    const h = bmp.height;
    const c = cropWindow(w, h, p);
    const s = size / c.side;
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.setTransform(s, 0, 0, s, -c.left * s, -c.top * s);
    // Photo pixel (px, py) -> turned pixel, clockwise.
    if (p.rotate === 90) ctx.transform(0, 1, -1, 0, h, 0);
    else if (p.rotate === 180) ctx.transform(-1, 0, 0, -1, w, h);
    else if (p.rotate === 270) ctx.transform(0, -1, 1, 0, 0, w);
    ctx.drawImage(bmp, 0, 0);
    ctx.restore();
  }

  // -- frames: same-origin images; from disk (file://) as scripts, so the canvas stays clean

  const imageCache = new Map();
  const frameWaiters = new Map();
  window.avatarFrame = function (key, dataUrl) {
    const resolve = frameWaiters.get(key);
    if (resolve) resolve(dataUrl);
  };

  function loadImage(src) {
    const img = new Image();
    img.decoding = 'async';
    img.src = src;
    return img.decode().then(() => img);
  }

  /** A frame image by its path (frames/NAME.webp), cached; a failure is retried next time. */
  function frameImage(path) {
    if (!imageCache.has(path)) {
      let promise;
      if (boot.images[path]) {
        promise = boot.images[path];
        delete boot.images[path];
      } else if (location.protocol === 'file:') {
        promise = new Promise((resolve, reject) => {
          frameWaiters.set(path, resolve);
          const script = document.createElement('script');
          script.src = path.replace(/\.webp$/, '.js');
          script.onerror = () => reject(new Error('frame ' + path));
          document.head.appendChild(script);
        }).then(loadImage);
      } else {
        promise = loadImage(path);
      }
      promise = promise.catch((err) => { imageCache.delete(path); throw err; });
      imageCache.set(path, promise);
    }
    return imageCache.get(path);
  }

  const PREVIEWS = location.protocol !== 'file:'; // from disk every frame is a script: exact only

  const composed = new Map(); // "style/unit/exact" -> canvas, the few most recent
  /** The frame of a style and unit: `exact`, the CLI's pixels (for downloads), or else the
   * light 720 px preview a first visit shows at once. */
  async function loadFrame(style, unit, exact) {
    const s = styles.get(style);
    const u = units.get(unit);
    const precise = exact || !PREVIEWS;
    if (!u) return frameImage(precise ? s.frame : s.preview);
    const key = style + '/' + unit + '/' + precise;
    if (composed.has(key)) return composed.get(key);
    const texts = u.text[style] || [];
    const [base] = await Promise.all([
      frameImage(precise ? s.unitFrame : s.unitPreview),
      ...texts.map((t) => document.fonts.load(t.size + 'px "kit-' + t.font + '"', t.text)),
    ]);
    const canvas = document.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(base, 0, 0, SIZE, SIZE);
    for (const t of texts) drawText(ctx, t);
    composed.set(key, canvas);
    if (composed.size > 6) composed.delete(composed.keys().next().value);
    return canvas;
  }

  function setFont(ctx, t) {
    ctx.font = t.size + 'px "kit-' + t.font + '"';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillStyle = t.fill;
  }

  /** A placed text: a line from the left end of its baseline, or a line bent on a circle. */
  function drawText(ctx, t) {
    if (t.at) {
      setFont(ctx, t);
      ctx.fillText(t.text, t.at[0], t.at[1]);
    } else {
      drawArc(ctx, t);
    }
  }

  /** The CLI's draw_on_arc (assets_gen/layout/text.py): the line is set flat once, then
   * bent onto the circle by sampling in polar coordinates (bilinear, premultiplied). */
  function drawArc(ctx, t) {
    const [cx, cy, radius, where] = t.arc;
    const [left, top, right, bottom] = t.box;
    const pad = 4;
    const sw = right - left + 2 * pad;
    const sh = bottom - top + 2 * pad;
    const strip = document.createElement('canvas');
    strip.width = sw;
    strip.height = sh;
    const sctx = strip.getContext('2d', { willReadFrequently: true });
    setFont(sctx, t);
    sctx.fillText(t.text, pad - left, pad - top);
    const src = sctx.getImageData(0, 0, sw, sh).data;
    // Padded and premultiplied, as _bilinear does.
    const pw = sw + 2;
    const padded = new Float32Array((sh + 2) * pw * 4);
    for (let y = 0; y < sh; y += 1) {
      for (let x = 0; x < sw; x += 1) {
        const i = (y * sw + x) * 4;
        const o = ((y + 1) * pw + x + 1) * 4;
        const a = src[i + 3];
        padded[o] = (src[i] * a) / 255;
        padded[o + 1] = (src[i + 1] * a) / 255;
        padded[o + 2] = (src[i + 2] * a) / 255;
        padded[o + 3] = a;
      }
    }
    const midV = sh / 2;
    const half = Math.min(sw / 2 / radius + 0.05, Math.PI);
    const sign = where === 'top' ? -1 : 1;
    let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
    for (const rr of [radius - sh, radius + sh]) {
      for (let k = 0; k < 64; k += 1) {
        const a = -half + (2 * half * k) / 63;
        const x = cx + rr * Math.sin(a);
        const y = cy + sign * rr * Math.cos(a);
        minX = Math.min(minX, x); maxX = Math.max(maxX, x);
        minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    const x0 = Math.max(Math.trunc(minX) - 2, 0);
    const x1 = Math.min(Math.trunc(maxX) + 3, SIZE);
    const y0 = Math.max(Math.trunc(minY) - 2, 0);
    const y1 = Math.min(Math.trunc(maxY) + 3, SIZE);
    const out = new ImageData(x1 - x0, y1 - y0);
    const od = out.data;
    const uMax = sw + 0.999;
    const vMax = sh + 0.999;
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        const r = Math.hypot(dx, dy);
        let angle;
        let v;
        if (where === 'top') {
          angle = Math.atan2(dx, -dy);
          v = midV - (r - radius);
        } else {
          angle = Math.atan2(dx, dy);
          v = midV + (r - radius);
        }
        const u = Math.min(Math.max(sw / 2 + angle * radius - 0.5 + 1, 0), uMax);
        const vv = Math.min(Math.max(v - 0.5 + 1, 0), vMax);
        const u0 = Math.floor(u);
        const v0 = Math.floor(vv);
        const u1 = Math.min(u0 + 1, sw + 1);
        const v1 = Math.min(v0 + 1, sh + 1);
        const fu = u - u0;
        const fv = vv - v0;
        const a00 = (v0 * pw + u0) * 4;
        const a01 = (v0 * pw + u1) * 4;
        const a10 = (v1 * pw + u0) * 4;
        const a11 = (v1 * pw + u1) * 4;
        const alpha = (padded[a00 + 3] * (1 - fu) + padded[a01 + 3] * fu) * (1 - fv)
          + (padded[a10 + 3] * (1 - fu) + padded[a11 + 3] * fu) * fv;
        if (alpha <= 0) continue;
        const o = ((y - y0) * (x1 - x0) + (x - x0)) * 4;
        for (let c = 0; c < 3; c += 1) {
          const value = (padded[a00 + c] * (1 - fu) + padded[a01 + c] * fu) * (1 - fv)
            + (padded[a10 + c] * (1 - fu) + padded[a11 + c] * fu) * fv;
          od[o + c] = Math.trunc(Math.min(255, (value * 255) / Math.max(alpha, 1e-6)));
        }
        od[o + 3] = Math.trunc(Math.min(255, alpha));
      }
    }
    const layer = document.createElement('canvas');
    layer.width = x1 - x0;
    layer.height = y1 - y0;
    layer.getContext('2d').putImageData(out, 0, 0);
    ctx.drawImage(layer, x0, y0);
  }

  function currentKey() {
    return state.style + '/' + state.unit;
  }

  /** The chosen frame on the preview. The visit's first frame shows its light preview
   * first (boot.js fetched it at once), then the exact frame (cached for the download);
   * later choices load only the exact frame, so no frame is fetched twice. */
  const exactShown = new Set();
  async function selectFrame() {
    const style = state.style;
    const unit = state.unit;
    const key = style + '/' + unit;
    const show = (frame, exact) => {
      if (style !== state.style || unit !== state.unit) return;
      state.frame = frame;
      state.frameKey = key;
      if (exact) state.exactKey = key;
      document.body.dataset.frameKey = key;
      showError(els.frameError, '');
      showError(els.saveError, '');
      redraw();
    };
    try {
      if (PREVIEWS && exactShown.size === 0) {
        show(await loadFrame(style, unit, false), false);
        await nextPaint(); // the preview on screen before the exact frame is fetched and decoded
      }
      const exact = await loadFrame(style, unit, true);
      exactShown.add(key);
      show(exact, true);
    } catch (err) {
      // The last good frame stays on the preview; the page tries again when the network returns.
      if (style === state.style && unit === state.unit) {
        showError(els.frameError || els.message, networkMessage('khung ảnh này'));
      }
    }
  }

  function networkMessage(what) {
    return 'Mất kết nối mạng: chưa tải được ' + what + '. Ảnh xem trước giữ khung cũ; '
      + 'trang sẽ tự thử lại khi có mạng.';
  }

  window.addEventListener('online', () => {
    if (state.exactKey !== currentKey()) selectFrame();
    loadCounter();
    flush();
  });

  // -- drawing --------------------------------------------------------------------------

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      paint();
    });
  }

  function fitCanvas() {
    const css = els.canvas.getBoundingClientRect().width || 360;
    const px = Math.min(SIZE, Math.round(css * (window.devicePixelRatio || 1)));
    if (els.canvas.width !== px) {
      els.canvas.width = px;
      els.canvas.height = px;
    }
  }

  function paint() {
    const canvas = els.canvas;
    const size = canvas.width;
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, size, size);
    if (state.preview) {
      drawPhoto(ctx, size, state.preview, state.place);
    } else {
      placeholder(ctx, size);
    }
    if (state.frame) {
      ctx.drawImage(state.frame, 0, 0, size, size);
      if (!document.body.dataset.frame) {
        performance.mark('avatar-frame-shown');
        document.body.dataset.frame = 'shown';
        afterFirstFrame();
      }
    }
    for (const circle of [els.large, els.small]) {
      const c = circle.getContext('2d');
      c.imageSmoothingQuality = 'high';
      c.clearRect(0, 0, circle.width, circle.height);
      c.drawImage(canvas, 0, 0, circle.width, circle.height);
    }
  }

  const placeholder = boot.placeholder; // a silhouette where a portrait would go (boot.js)

  // -- messages and the busy state ------------------------------------------------------

  function showError(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  }

  function showMessage(text) {
    showError(els.message, text);
  }

  function busy(text) {
    els.busy.textContent = text;
    document.body.classList.toggle('is-busy', Boolean(text));
  }

  /** Let the browser paint the busy state before a long decode starts. */
  function nextPaint() {
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  // -- choosing a photo ----------------------------------------------------------------

  /** Width and height as shown (EXIF orientation applied), read without decoding the pixels. */
  function photoSize(file) {
    return new Promise((resolve) => {
      const url = URL.createObjectURL(file);
      const img = new Image();
      img.onload = () => { URL.revokeObjectURL(url); resolve([img.naturalWidth, img.naturalHeight]); };
      img.onerror = () => { URL.revokeObjectURL(url); resolve(null); };
      img.src = url;
    });
  }

  /** The photo upright (EXIF orientation applied). Photos over cfg.maxPixels (108 and 200
   * megapixel camera modes) are decoded straight to a reduced size. */
  async function decodePhoto(file) {
    const options = { imageOrientation: 'from-image' };
    const size = await photoSize(file);
    if (size && size[0] * size[1] > cfg.maxPixels && (await isJpeg(file))) {
      const scaled = await scaledJpeg(file);
      if (scaled) return scaled;
    }
    if (size && size[0] * size[1] > cfg.maxPixels) {
      const k = Math.sqrt(REDUCED_PIXELS / (size[0] * size[1]));
      options.resizeWidth = Math.max(1, Math.round(size[0] * k));
      options.resizeHeight = Math.max(1, Math.round(size[1] * k));
      options.resizeQuality = 'high';
    }
    try {
      return await createImageBitmap(file, options);
    } catch (err) {
      if (options.resizeWidth) throw err;
      const url = URL.createObjectURL(file);
      try {
        return await loadImage(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
  }

  async function isJpeg(file) {
    const head = new Uint8Array(await file.slice(0, 3).arrayBuffer());
    return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  }

  /** A huge JPEG decoded at 1/8-1 scale by libjpeg-turbo in a worker (assets/jpeg-worker.js),
   * upright; null where the page has no decoder (opened from disk, built without npm) or it
   * failed: then the browser's own reduced decode. */
  function scaledJpeg(file) {
    if (!cfg.jpegDecoder || location.protocol === 'file:' || !window.Worker || !window.OffscreenCanvas) {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      let worker;
      try {
        worker = new Worker(cfg.jpegDecoder.worker);
      } catch (err) {
        resolve(null);
        return;
      }
      const done = (value) => { worker.terminate(); resolve(value); };
      worker.onmessage = (e) => done(e.data && e.data.bitmap ? e.data.bitmap : null);
      worker.onerror = () => done(null);
      worker.postMessage({ file, wasm: new URL(cfg.jpegDecoder.wasm, location.href).href });
    });
  }

  /** A copy scaled by k, for smooth dragging; the download always uses the full photo. */
  async function shrink(source, k) {
    const w = Math.max(1, Math.round(source.width * k));
    const h = Math.max(1, Math.round(source.height * k));
    try {
      return await createImageBitmap(source, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    } catch (err) {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, w, h);
      return canvas;
    }
  }

  function release(image) {
    if (image && image.close) image.close();
  }

  async function isHeic(file) {
    if (/\.(heic|heif)$/i.test(file.name) || /image\/hei[cf]/.test(file.type)) return true;
    const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
    const brand = String.fromCharCode(...head.slice(4, 12));
    return /^ftyp(heic|heix|hevc|mif1|msf1)/.test(brand);
  }

  async function unreadableMessage(file) {
    if (!(await isHeic(file))) {
      return 'Không đọc được ảnh này. Hãy chọn một ảnh khác (JPEG, PNG hoặc WebP).';
    }
    const apple = /iPhone|iPad|iPod|Macintosh/.test(navigator.userAgent) && 'ontouchend' in document;
    if (apple) {
      return 'Trình duyệt này chưa mở được ảnh HEIC. Hãy chọn ảnh từ ứng dụng Ảnh (máy tự đổi sang JPEG), '
        + 'hoặc vào Cài đặt › Camera › Định dạng › Tương thích nhất rồi chụp lại.';
    }
    return 'Trình duyệt này chưa mở được ảnh HEIC. Hãy chọn ảnh JPEG: trong ứng dụng máy ảnh, '
      + 'đổi định dạng ảnh sang JPEG, hoặc lưu ảnh này thành JPEG rồi chọn lại.';
  }

  async function choosePhoto(file) {
    showMessage('');
    els.done.textContent = '';
    if (!file) return;
    performance.mark('avatar-photo-start');
    busy('Đang mở ảnh…');
    await nextPaint();
    let full;
    try {
      full = await decodePhoto(file);
    } catch (err) {
      busy('');
      showMessage(await unreadableMessage(file));
      return;
    }
    const short = Math.min(full.width, full.height);
    const preview = short > PREVIEW_SIDE ? await shrink(full, PREVIEW_SIDE / short) : full;
    if (state.preview && state.preview !== state.full) release(state.preview);
    if (state.full) release(state.full);
    state.full = full;
    state.preview = preview;
    state.place = { ...cfg.placement };
    for (const el of [els.zoom, els.left, els.right, els.reset, els.download, els.share]) el.disabled = false;
    els.pickerText.textContent = 'Chọn ảnh khác';
    els.canvas.tabIndex = 0; // arrows move the photo once there is one
    syncZoom();
    paint();
    busy('');
    performance.mark('avatar-photo-ready');
    performance.measure('avatar-photo', 'avatar-photo-start', 'avatar-photo-ready');
    document.body.dataset.photo = 'ready';
    keepPreviewInView();
  }

  /** The chosen photo in full view (landscape phones scroll the header away). */
  function keepPreviewInView() {
    const box = els.canvas.getBoundingClientRect();
    const bar = $('bar').getBoundingClientRect();
    const bottom = getComputedStyle($('bar')).position === 'fixed' ? bar.top : window.innerHeight;
    if (box.top < 0 || box.bottom > bottom) $('stage-wrap').scrollIntoView({ block: 'start' });
  }

  els.input.addEventListener('change', () => choosePhoto(els.input.files && els.input.files[0]));

  // -- moving, zooming, turning --------------------------------------------------------

  function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }

  /** Move the photo by (dx, dy) canvas CSS pixels. */
  function moveBy(dx, dy) {
    if (!state.preview) return;
    const p = state.place;
    const c = cropWindow(state.preview.width, state.preview.height, p);
    const cssSide = els.canvas.getBoundingClientRect().width || 1;
    const perCss = c.side / cssSide; // photo pixels per CSS pixel
    if (c.W - c.side > 0.5) p.x = clamp(p.x - (dx * perCss) / (c.W - c.side), 0, 1);
    if (c.H - c.side > 0.5) p.y = clamp(p.y - (dy * perCss) / (c.H - c.side), 0, 1);
    redraw();
  }

  /** Zoom to `zoom`, keeping the middle of the view where it is. */
  function zoomTo(zoom) {
    if (!state.preview) return;
    const p = state.place;
    const w = state.preview.width;
    const h = state.preview.height;
    const before = cropWindow(w, h, p);
    const cx = before.left + before.side / 2;
    const cy = before.top + before.side / 2;
    p.zoom = clamp(Math.round(zoom * 100) / 100, 1, 4);
    const after = cropWindow(w, h, p);
    const spanX = after.W - after.side;
    const spanY = after.H - after.side;
    p.x = spanX > 0.5 ? clamp((cx - after.side / 2) / spanX, 0, 1) : p.x;
    p.y = spanY > 0.5 ? clamp((cy - after.side / 2) / spanY, 0, 1) : p.y;
    syncZoom();
    redraw();
  }

  function rotateBy(deg) {
    if (!state.preview) return;
    const p = state.place;
    p.rotate = (p.rotate + deg + 360) % 360;
    redraw();
  }

  function syncZoom() {
    const z = state.place.zoom;
    els.zoom.value = String(z);
    const text = z.toFixed(1).replace('.', ',');
    els.zoomValue.textContent = text + '×';
    els.zoom.setAttribute('aria-valuetext', text + ' lần');
  }

  els.zoom.addEventListener('input', () => zoomTo(parseFloat(els.zoom.value)));
  els.left.addEventListener('click', () => rotateBy(-90));
  els.right.addEventListener('click', () => rotateBy(90));
  els.reset.addEventListener('click', () => {
    state.place = { ...cfg.placement };
    syncZoom();
    redraw();
  });

  // Pointer dragging and two-finger pinching on the canvas.
  const pointers = new Map();
  let pinch = null;
  els.canvas.addEventListener('pointerdown', (e) => {
    if (!state.preview) return;
    try {
      els.canvas.setPointerCapture(e.pointerId);
    } catch (err) {
      // a pointer the browser no longer tracks: dragging still works without capture
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    els.canvas.classList.add('dragging');
    if (pointers.size === 2) pinch = { dist: pointerDistance(), zoom: state.place.zoom };
  });
  els.canvas.addEventListener('pointermove', (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) moveBy(dx, dy);
    else if (pinch && pointers.size === 2) zoomTo(pinch.zoom * (pointerDistance() / pinch.dist));
  });
  const endPointer = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (!pointers.size) els.canvas.classList.remove('dragging');
  };
  els.canvas.addEventListener('pointerup', endPointer);
  els.canvas.addEventListener('pointercancel', endPointer);

  function pointerDistance() {
    const [a, b] = [...pointers.values()];
    return Math.max(1, Math.hypot(a.x - b.x, a.y - b.y));
  }

  els.canvas.addEventListener('wheel', (e) => {
    if (!state.preview) return;
    e.preventDefault();
    zoomTo(state.place.zoom * Math.exp(-e.deltaY * 0.0015));
  }, { passive: false });

  els.canvas.addEventListener('keydown', (e) => {
    if (!state.preview) return;
    const step = e.shiftKey ? 40 : 8;
    const keys = {
      ArrowLeft: () => moveBy(step, 0), ArrowRight: () => moveBy(-step, 0),
      ArrowUp: () => moveBy(0, step), ArrowDown: () => moveBy(0, -step),
      '+': () => zoomTo(state.place.zoom + 0.1), '=': () => zoomTo(state.place.zoom + 0.1),
      '-': () => zoomTo(state.place.zoom - 0.1), r: () => rotateBy(90), R: () => rotateBy(-90),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  });

  // -- frame style and unit --------------------------------------------------------------

  function remember() {
    try {
      localStorage.setItem(STORE, JSON.stringify({ style: state.style, unit: state.unit }));
    } catch (err) {
      // private browsing: nothing is remembered, nothing breaks
    }
    updateCaption();
  }

  function choose(style, unit) {
    state.style = style;
    state.unit = unit;
    remember();
    selectFrame();
  }

  const styleRadios = [...document.querySelectorAll('input[name=style]')];
  styleRadios.forEach((radio) => {
    radio.addEventListener('change', () => {
      if (radio.checked) choose(radio.value, state.unit);
    });
  });

  /** Letters without tone marks, so "ha noi" finds "Hà Nội" and "ldld" finds "LĐLĐ". */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ').trim();
  }

  const unitRadios = [...document.querySelectorAll('input[name=unit]')];
  const unitKeys = unitRadios.map((r) => {
    const u = units.get(r.value);
    if (!u) return null;
    return {
      aliases: [fold(u.label), fold(u.slug), ...u.aliases.map(fold)],
      words: fold([u.name, u.label, u.slug.replace(/-/g, ' '), ...u.aliases].join(' ')).split(' '),
    };
  });

  /** How well a unit matches the query: 0 best; -1 not at all. */
  function score(key, query, words) {
    if (key.aliases.includes(query)) return 0;
    if (!words.every((w) => key.words.some((k) => k.startsWith(w)))) return -1;
    if (key.aliases.some((a) => a.startsWith(query))) return 1;
    return 2;
  }

  // While searching, the units found are moved, best first, into one list of results (so
  // the reading and arrow-key order is the order shown); clearing puts them back.
  const results = document.createElement('div');
  results.className = 'unit-results';
  if (els.unitList) els.unitList.appendChild(results);
  const homes = unitRadios.map((r) => r.parentElement.parentElement);

  function search() {
    const query = fold(els.unitSearch.value);
    const words = query.split(' ').filter(Boolean);
    els.unitList.classList.toggle('searching', words.length > 0);
    const found = [];
    unitRadios.forEach((radio, i) => {
      const label = radio.parentElement;
      const key = unitKeys[i];
      if (!key) return; // "no unit" stays first, hidden while searching
      if (!words.length) {
        label.hidden = false;
        homes[i].appendChild(label);
        return;
      }
      const s = score(key, query, words);
      label.hidden = s < 0;
      if (s >= 0) found.push([s, i, label]);
    });
    if (words.length) {
      found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      results.replaceChildren(...found.map((f) => f[2]));
    }
    els.unitEmpty.textContent = !words.length ? ''
      : (found.length ? 'Tìm thấy ' + found.length + ' đơn vị.' : 'Không tìm thấy đơn vị nào.');
  }

  unitRadios.forEach((radio) => {
    radio.addEventListener('change', () => {
      if (radio.checked) choose(state.style, radio.value);
    });
  });
  if (els.unitSearch) {
    els.unitSearch.addEventListener('input', search);
    // Enter picks the first unit found.
    els.unitSearch.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const first = els.unitList.querySelector('.unit-results input, .unit-group input');
      if (first && !first.parentElement.hidden) {
        first.checked = true;
        first.dispatchEvent(new Event('change'));
        first.focus();
      }
    });
  }

  /** The first choice (made in boot.js): the link's ?unit=&style=, else the member's last
   * one, else the kit's. */
  function initialChoice() {
    const { style, unit } = boot;
    state.style = style;
    state.unit = unit;
    for (const r of styleRadios) r.checked = r.value === style;
    for (const r of unitRadios) r.checked = r.value === unit;
    const checked = unitRadios.find((r) => r.checked && r.value);
    if (checked) {
      // The chosen unit in view inside its list, the page itself not scrolled.
      const list = els.unitList;
      const label = checked.parentElement;
      list.scrollTop = label.offsetTop - list.offsetTop - list.clientHeight / 3;
    }
  }

  // -- caption --------------------------------------------------------------------------

  function updateCaption() {
    if (!els.caption) return;
    const u = units.get(state.unit);
    const link = cfg.link + (u ? '?unit=' + encodeURIComponent(u.slug) : '');
    const values = { unit: u ? u.name : cfg.organisation, hashtag: cfg.hashtag, campaign: cfg.campaign, link };
    els.caption.value = cfg.caption.replace(/\{(unit|hashtag|campaign|link)\}/g, (_, k) => values[k]);
  }

  els.copy.addEventListener('click', async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(els.caption.value);
      ok = true;
    } catch (err) {
      els.caption.select();
      try {
        ok = document.execCommand('copy');
      } catch (err2) {
        ok = false;
      }
    }
    els.copied.textContent = ok ? 'Đã sao chép. Dán vào bài đăng của bạn.' : 'Hãy nhấn giữ đoạn chữ để sao chép.';
  });

  // -- participation counter ------------------------------------------------------------

  function showCounts(data) {
    if (!data || typeof data.total !== 'number') return;
    els.countTotal.textContent = data.total.toLocaleString('vi-VN');
    const top = Object.entries(data.units || {}).filter(([slug]) => units.has(slug))
      .sort((a, b) => b[1] - a[1]).slice(0, 3);
    els.topUnits.replaceChildren(...top.map(([slug, n]) => {
      const li = document.createElement('li');
      li.textContent = units.get(slug).name + ': ' + n.toLocaleString('vi-VN');
      return li;
    }));
    els.topUnits.hidden = top.length === 0;
    $('top-title').hidden = top.length === 0;
    els.counter.hidden = false;
  }

  function loadCounter() {
    if (!cfg.counter) return;
    fetch(cfg.counter, { credentials: 'omit', cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null)).then(showCounts).catch(() => {});
  }

  // Counts that could not be sent (offline) wait on the phone, one per unit and style (a
  // member saving the same avatar again offline is one count), at most QUEUE_MAX, and are
  // sent once when the network returns. Only the unit and the style are kept.
  const QUEUE = 'avatar-page-counts';
  const QUEUE_MAX = 20;

  function queued() {
    try {
      const list = JSON.parse(localStorage.getItem(QUEUE) || '[]');
      return Array.isArray(list) ? list.filter((c) => c && typeof c.unit === 'string'
        && typeof c.style === 'string') : [];
    } catch (err) {
      return [];
    }
  }

  function storeQueue(list) {
    try {
      if (list.length) localStorage.setItem(QUEUE, JSON.stringify(list));
      else localStorage.removeItem(QUEUE);
    } catch (err) {
      // private browsing: an offline count is lost, nothing else
    }
  }

  function enqueue(c) {
    const list = queued().filter((q) => q.unit !== c.unit || q.style !== c.style);
    list.push(c);
    storeQueue(list.slice(-QUEUE_MAX));
  }

  /** Sends one count: true once the server has it (or refused it for good), false when it
   * should wait (no network, server busy). */
  async function send(c) {
    let r;
    try {
      r = await fetch(cfg.counter, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ unit: c.unit, style: c.style }),
        keepalive: true,
      });
    } catch (err) {
      return false;
    }
    if (r.ok) showCounts(await r.json().catch(() => null));
    return r.ok || (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429);
  }

  /** The waiting counts, each sent once: one sender at a time, across the page's tabs too. */
  let flushing = null;
  function flush() {
    if (!cfg.counter || flushing) return flushing;
    const run = async () => {
      for (const c of queued()) {
        if (!(await send(c))) return;
        storeQueue(queued().filter((q) => q.unit !== c.unit || q.style !== c.style));
      }
    };
    const locked = navigator.locks ? navigator.locks.request(QUEUE, run) : run();
    flushing = locked.catch(() => {}).finally(() => { flushing = null; });
    return flushing;
  }

  /** One more member took part: the unit and the style, nothing else. */
  async function count() {
    if (!cfg.counter) return;
    const c = { unit: state.unit, style: state.style };
    if (!(await send(c))) enqueue(c);
    else flush();
  }

  // -- saving --------------------------------------------------------------------------

  async function renderAvatar() {
    const frame = await loadFrame(state.style, state.unit, true);
    const canvas = document.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    const ctx = canvas.getContext('2d');
    drawPhoto(ctx, SIZE, state.full, state.place);
    ctx.drawImage(frame, 0, 0, SIZE, SIZE);
    const encode = await jpegEncoder();
    if (encode) {
      // 4:4:4 as the CLI writes it: no pink fringe round white text on red.
      const jpeg = encode(ctx.getImageData(0, 0, SIZE, SIZE), Math.round(cfg.jpegQuality * 100)).data;
      return new Blob([jpeg], { type: 'image/jpeg' });
    }
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/jpeg', cfg.jpegQuality);
    });
  }

  /** jpeg-js's encoder (assets/jpeg-encoder.js, loaded on the first download), or null
   * where the page was built without it: then the canvas's own JPEG (4:2:0). */
  let encoderLoad = null;
  function jpegEncoder() {
    if (!cfg.jpegEncoder) return Promise.resolve(null);
    if (!encoderLoad) {
      encoderLoad = new Promise((resolve) => {
        const script = document.createElement('script');
        script.src = cfg.jpegEncoder;
        script.onload = () => resolve((window['jpeg-js'] && window['jpeg-js'].encode) || null);
        script.onerror = () => { encoderLoad = null; resolve(null); };
        document.head.appendChild(script);
      });
    }
    return encoderLoad;
  }

  let resultUrl = null;
  function showResult(blob) {
    if (resultUrl) URL.revokeObjectURL(resultUrl);
    resultUrl = URL.createObjectURL(blob);
    els.resultImage.src = resultUrl;
    els.result.hidden = false;
  }

  /** The finished avatar, or null with the reason shown next to the button. */
  async function finished() {
    showError(els.saveError, '');
    busy('Đang tạo ảnh…');
    await nextPaint();
    try {
      return await renderAvatar();
    } catch (err) {
      showError(els.saveError, navigator.onLine === false || err.message.startsWith('frame')
        ? networkMessage('khung ảnh để tạo ảnh. Hãy thử lại khi có mạng')
        : 'Không tạo được ảnh. Hãy thử lại.');
      return null;
    } finally {
      busy('');
    }
  }

  async function save() {
    if (!state.full) return;
    els.download.disabled = true;
    performance.mark('avatar-save-start');
    try {
      const blob = await finished();
      if (!blob) return;
      performance.mark('avatar-save-ready');
      performance.measure('avatar-save', 'avatar-save-start', 'avatar-save-ready');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = cfg.download;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      showResult(blob);
      els.done.textContent = 'Đã lưu ảnh “' + cfg.download + '”. Làm theo hướng dẫn bên dưới để đặt làm ảnh đại diện.';
      count();
    } finally {
      els.download.disabled = false;
    }
  }

  els.download.addEventListener('click', save);

  // Where the browser can share files (phones), the image goes straight to Facebook or Zalo.
  let canShareFiles = false;
  try {
    const probe = new File([new Blob(['x'], { type: 'image/jpeg' })], cfg.download, { type: 'image/jpeg' });
    canShareFiles = Boolean(navigator.canShare && navigator.share && navigator.canShare({ files: [probe] }));
  } catch (err) {
    canShareFiles = false;
  }
  els.share.hidden = !canShareFiles;
  if (canShareFiles) {
    els.share.addEventListener('click', async () => {
      const blob = await finished();
      if (!blob) return;
      showResult(blob);
      try {
        await navigator.share({ files: [new File([blob], cfg.download, { type: 'image/jpeg' })] });
        count();
      } catch (err) {
        if (err && err.name !== 'AbortError') {
          showError(els.saveError, 'Không chia sẻ được. Hãy nhấn giữ ảnh bên dưới để lưu, hoặc dùng nút “Tải ảnh về”.');
        }
      }
    });
  }

  // -- start -----------------------------------------------------------------------------

  /** What can wait until the member sees the frame: the counter, and the service worker,
   * which downloads every file of the page for offline use. */
  function afterFirstFrame() {
    loadCounter();
    flush();
    if ('serviceWorker' in navigator && location.protocol !== 'file:') {
      navigator.serviceWorker.register('sw.js').catch(() => {});
    }
  }

  window.addEventListener('resize', () => { fitCanvas(); redraw(); });
  fitCanvas();
  syncZoom();
  initialChoice();
  updateCaption();
  boot.taken = true; // from here the page's script draws the preview
  if (boot.shown && boot.shown.style === state.style && boot.shown.unit === state.unit) {
    // boot.js already drew the light frame: keep it on the preview from the first paint.
    state.frame = boot.shown.img;
    state.frameKey = state.style + '/' + state.unit;
    document.body.dataset.frameKey = state.frameKey;
  }
  paint();
  selectFrame();
  // Test and integration hook: the current placement, as the API takes it.
  window.avatarPlacement = () => ({ ...state.place, style: state.style, unit: state.unit });
  window.avatarPhotoSize = () => (state.full ? [state.full.width, state.full.height] : null);
})();
