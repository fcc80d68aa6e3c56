// The member page: frames a photo in the browser. The photo never leaves the device:
// no request carries it; the avatar is drawn on a canvas and saved from a local blob.
//
// The placement model is the server's (assets_gen/photo.py, Placement): the photo covers
// the square with its shorter side, is turned clockwise in 90-degree steps, enlarged by
// `zoom` (1-4), and x, y (0-1) choose which part of the overflow shows.
'use strict';

(function () {
  const cfg = JSON.parse(document.getElementById('avatar-config').textContent);
  const SIZE = cfg.size;
  const PREVIEW_SIDE = 2048; // the on-screen preview draws from a bitmap at most this small side
  const $ = (id) => document.getElementById(id);
  const els = {
    input: $('photo'), pickerText: $('picker-text'), message: $('message'), canvas: $('canvas'),
    zoom: $('zoom'), zoomValue: $('zoom-value'), left: $('rotate-left'), right: $('rotate-right'),
    reset: $('reset'), download: $('download'), share: $('share'), done: $('done'),
    large: $('circle-large'), small: $('circle-small'), unitSearch: $('unit-search'),
  };
  const state = {
    full: null, // ImageBitmap of the whole photo, EXIF orientation applied
    preview: null, // the same, scaled down for smooth dragging
    style: cfg.styles[0].name,
    unit: '',
    place: { ...cfg.placement },
    frame: null,
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

  function drawFrame(ctx, size) {
    if (state.frame) ctx.drawImage(state.frame, 0, 0, size, size);
  }

  // -- frames: same-origin images; from disk (file://) as scripts, so the canvas stays clean

  const frameCache = new Map();
  const frameWaiters = new Map();
  window.avatarFrame = function (key, dataUrl) {
    const resolve = frameWaiters.get(key);
    if (resolve) resolve(dataUrl);
  };

  function framePath(style, unit) {
    return 'frames/' + (unit ? unit + '/' : '') + style;
  }

  function loadImage(src) {
    const img = new Image();
    img.decoding = 'async';
    img.src = src;
    return img.decode().then(() => img);
  }

  function loadFrame(style, unit) {
    const key = framePath(style, unit);
    if (!frameCache.has(key)) {
      let promise;
      if (location.protocol === 'file:') {
        promise = new Promise((resolve, reject) => {
          frameWaiters.set(key, resolve);
          const script = document.createElement('script');
          script.src = key + '.js';
          script.onerror = () => reject(new Error('frame ' + key));
          document.head.appendChild(script);
        }).then(loadImage);
      } else {
        promise = loadImage(key + '.png');
      }
      promise = promise.catch((err) => { frameCache.delete(key); throw err; });
      frameCache.set(key, promise);
    }
    return frameCache.get(key);
  }

  async function selectFrame() {
    const style = state.style;
    const unit = state.unit;
    try {
      const img = await loadFrame(style, unit);
      if (style === state.style && unit === state.unit) {
        state.frame = img;
        redraw();
      }
    } catch (err) {
      showMessage('Không tải được khung ảnh. Hãy kiểm tra kết nối mạng rồi thử lại.');
    }
  }

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
    drawFrame(ctx, size);
    for (const circle of [els.large, els.small]) {
      const c = circle.getContext('2d');
      c.imageSmoothingQuality = 'high';
      c.clearRect(0, 0, circle.width, circle.height);
      c.drawImage(canvas, 0, 0, circle.width, circle.height);
    }
  }

  function placeholder(ctx, size) {
    const g = ctx.createLinearGradient(0, 0, 0, size);
    g.addColorStop(0, '#e9ecf2');
    g.addColorStop(1, '#d3d8e2');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, size, size);
    // A head-and-shoulders silhouette, where a portrait would go.
    ctx.fillStyle = '#b8bfcd';
    ctx.beginPath();
    ctx.arc(size / 2, size * 0.4, size * 0.14, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.ellipse(size / 2, size * 0.86, size * 0.28, size * 0.24, 0, Math.PI, 0);
    ctx.fill();
  }

  // -- choosing a photo ----------------------------------------------------------------

  function showMessage(text) {
    els.message.textContent = text;
    els.message.hidden = !text;
  }

  /** The photo upright (EXIF orientation applied), as an ImageBitmap or, where the browser
   * lacks createImageBitmap options, as an image element (which applies it too). */
  async function decodePhoto(file) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch (err) {
      const url = URL.createObjectURL(file);
      try {
        return await loadImage(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
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

  async function choosePhoto(file) {
    showMessage('');
    els.done.textContent = '';
    if (!file) return;
    performance.mark('avatar-photo-start');
    let full;
    try {
      full = await decodePhoto(file);
    } catch (err) {
      showMessage('Không đọc được ảnh này. Hãy chọn ảnh JPEG hoặc PNG. Trên iPhone, có thể chọn '
        + 'Cài đặt › Camera › Định dạng › Tương thích nhất.');
      return;
    }
    if (full.width * full.height > cfg.maxPixels) {
      release(full);
      showMessage('Ảnh quá lớn (trên ' + Math.round(cfg.maxPixels / 1e6) + ' megapixel). Hãy chọn ảnh nhỏ hơn.');
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
    syncZoom();
    paint();
    performance.mark('avatar-photo-ready');
    performance.measure('avatar-photo', 'avatar-photo-start', 'avatar-photo-ready');
    document.body.dataset.photo = 'ready';
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

  document.querySelectorAll('input[name=style]').forEach((radio) => {
    radio.addEventListener('change', () => {
      if (radio.checked) {
        state.style = radio.value;
        selectFrame();
      }
    });
  });

  /** Letters without tone marks, so "ha noi" finds "Hà Nội". */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  const unitRadios = [...document.querySelectorAll('input[name=unit]')];
  const unitKeys = unitRadios.map((r) => fold(r.parentElement.textContent + ' ' + r.value));
  unitRadios.forEach((radio) => {
    radio.addEventListener('change', () => {
      if (radio.checked) {
        state.unit = radio.value;
        selectFrame();
      }
    });
  });
  if (els.unitSearch) {
    els.unitSearch.addEventListener('input', () => {
      const words = fold(els.unitSearch.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      unitRadios.forEach((radio, i) => {
        const show = !radio.value || words.every((w) => unitKeys[i].includes(w));
        radio.parentElement.hidden = !show;
        if (show && radio.value) shown += 1;
      });
      $('unit-empty').hidden = shown > 0;
    });
    // Enter picks the first unit found.
    els.unitSearch.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const first = unitRadios.find((r) => r.value && !r.parentElement.hidden);
      if (first) {
        first.checked = true;
        first.dispatchEvent(new Event('change'));
        first.focus();
      }
    });
  }

  // -- saving --------------------------------------------------------------------------

  async function renderAvatar() {
    const frame = await loadFrame(state.style, state.unit);
    const canvas = document.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    const ctx = canvas.getContext('2d');
    drawPhoto(ctx, SIZE, state.full, state.place);
    ctx.drawImage(frame, 0, 0, SIZE, SIZE);
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/jpeg', cfg.jpegQuality);
    });
  }

  async function save() {
    if (!state.full) return;
    els.download.disabled = true;
    performance.mark('avatar-save-start');
    try {
      const blob = await renderAvatar();
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
      els.done.textContent = 'Đã lưu ảnh “' + cfg.download + '”. Làm theo hướng dẫn bên dưới để đặt làm ảnh đại diện.';
    } catch (err) {
      showMessage('Không tạo được ảnh. Hãy thử lại hoặc chọn ảnh khác.');
    } finally {
      els.download.disabled = false;
    }
  }

  els.download.addEventListener('click', save);

  // Phones can hand the image straight to Facebook or Zalo through the share sheet.
  const probe = new File([new Blob()], cfg.download, { type: 'image/jpeg' });
  const phone = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
  if (phone && navigator.canShare && navigator.canShare({ files: [probe] })) {
    els.share.hidden = false;
    els.share.addEventListener('click', async () => {
      try {
        const blob = await renderAvatar();
        await navigator.share({ files: [new File([blob], cfg.download, { type: 'image/jpeg' })] });
      } catch (err) {
        if (err && err.name !== 'AbortError') showMessage('Không chia sẻ được. Hãy dùng nút “Tải ảnh về máy”.');
      }
    });
  }

  // -- start -----------------------------------------------------------------------------

  window.addEventListener('resize', () => { fitCanvas(); redraw(); });
  fitCanvas();
  syncZoom();
  paint();
  selectFrame();
  // Test and integration hook: the current placement, as the API takes it.
  window.avatarPlacement = () => ({ ...state.place, style: state.style, unit: state.unit });
})();
