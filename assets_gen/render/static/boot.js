// Inlined in the page's <head> (allowed by its hash in the CSP): picks the first style and
// unit and starts loading their frame at once, while the page's style and script still load.
'use strict';
(function () {
  var cfg = JSON.parse(document.getElementById('avatar-config').textContent);
  var params = new URLSearchParams(location.search);
  var saved = {};
  try {
    saved = JSON.parse(localStorage.getItem('avatar-page-choice') || '{}') || {};
  } catch (err) {
    saved = {};
  }
  var styles = {};
  var units = {};
  cfg.styles.forEach(function (s) { styles[s.name] = s; });
  cfg.units.forEach(function (u) { units[u.slug] = u; });
  // The link's ?unit=&style=, else the member's last choice, else the kit's first style.
  var style = [params.get('style'), saved.style].filter(function (v) { return v && styles[v]; })[0]
    || cfg.styles[0].name;
  var unit = params.get('unit');
  if (!unit || !units[unit]) unit = typeof saved.unit === 'string' && (saved.unit === '' || units[saved.unit]) ? saved.unit : '';
  var boot = { cfg: cfg, style: style, unit: unit, images: {}, placeholder: placeholder };
  window.avatarBoot = boot;
  if (location.protocol === 'file:') return; // frames come as scripts there
  var s = styles[style];
  var path = unit ? s.unitPreview : s.preview; // the light one: the exact frame follows
  var img = new Image();
  img.fetchPriority = 'high';
  img.decoding = 'async';
  img.src = path;
  boot.images[path] = img.decode().then(function () { return img; });
  boot.images[path].catch(function () { delete boot.images[path]; });
  // The plain frame goes on the preview as soon as it is decoded and the canvas is there,
  // without waiting for the page's script (which then takes it over: boot.shown). A
  // unit's frame waits for the script, which draws the unit's name on it.
  if (!unit) {
    boot.images[path].then(function (frame) {
      (function draw() {
        if (boot.taken) return;
        var canvas = document.getElementById('canvas');
        if (!canvas || !document.body) {
          setTimeout(draw, 16);
          return;
        }
        var ctx = canvas.getContext('2d');
        placeholder(ctx, canvas.width);
        ctx.drawImage(frame, 0, 0, canvas.width, canvas.width);
        boot.shown = { style: style, unit: unit, img: frame };
        performance.mark('avatar-frame-shown');
        document.body.dataset.frame = 'shown';
      })();
    }, function () {});
  }
  if (unit) {
    // The font of the unit's name, which the canvas waits for.
    var fonts = {};
    (units[unit].text[style] || []).forEach(function (t) { fonts[t.font] = true; });
    Object.keys(fonts).forEach(function (font) {
      var link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'font';
      link.type = 'font/woff2';
      link.crossOrigin = 'anonymous';
      link.href = 'assets/fonts/' + font + '.woff2';
      document.head.appendChild(link);
    });
  }

  /** A head-and-shoulders silhouette where a portrait would go (app.js uses it too). */
  function placeholder(ctx, size) {
    var g = ctx.createLinearGradient(0, 0, 0, size);
    g.addColorStop(0, '#e9ecf2');
    g.addColorStop(1, '#d3d8e2');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = '#b8bfcd';
    ctx.beginPath();
    ctx.arc(size / 2, size * 0.4, size * 0.14, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.ellipse(size / 2, size * 0.86, size * 0.28, size * 0.24, 0, Math.PI, 0);
    ctx.fill();
  }
})();
