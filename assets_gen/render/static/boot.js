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
  var boot = { cfg: cfg, style: style, unit: unit, images: {} };
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
})();
