// What the page's first paint may show before the WebAssembly arrives (issue 29). Copied into the
// site by scripts/prerender.mjs as first-paint-<hash>.js, a file of the site's own (allowed by the
// strict policy's script-src 'self'), and loaded in the head as a classic script, so that it runs
// before anything is painted. It sets <html data-first-paint> to "first" (a first visit: the
// frame prerendered at build time, with the example's figures, is shown), "remembered" (this
// build's figures for these stored offers, kept by src/ui/first_paint.rs) or "waiting" (anything
// else: a share link, changed offers, a new build, unreadable storage, another number format than
// en-US); the CSS hides the frame unless it may show, and until the parser is past it: parsed in
// pieces (a slow connection, a busy machine's parser yielding), a frame painted half parsed moved
// as the rest came (the example picker, with one or two of its options, drawn beside "New", then
// on a row of its own: a layout shift of 0.014 to 0.017 at 1280 px). Once the parser has closed
// the frame (a mutation observer's callback runs before the task's paint), it is marked whole; for
// "remembered" the remembered offers list and headline are put in it first, marked as remembered
// until the app mounts and replaces the frame. It notes the buttons pressed in the frame
// meanwhile, for the app to press again. And it asks for the app (its loader, named with its
// integrity on this script's tag by scripts/prerender.mjs) once the first paint is on screen, so
// that nothing of the app competes with the frame's layout, rasterising and display.
// A figure is never shown for offers or a build it was not computed for: every doubt is "waiting".
(function () {
  var root = document.documentElement;
  var state = 'waiting';
  try { state = decide(); } catch (e) { state = 'waiting'; }
  root.setAttribute('data-first-paint', state);
  // A button pressed in the frame before the app is live is pressed again on the live page
  // (src/ui/first_paint.rs, Handover).
  window.tokenworthPressed = [];
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('#first-paint button[data-testid]');
    if (button) window.tokenworthPressed.push(button.getAttribute('data-testid'));
  }, true);
  // The app's loader, after the first paint's paint-timing entry (then a task). A hidden tab paints
  // nothing, so it goes once the page is parsed; without paint timing, after the next frame; and
  // at most 250 ms after the page is parsed, for a paint that does not come (an embed out of view).
  var app = document.currentScript;
  if (app && app.getAttribute('data-app')) {
    var started = false;
    var start = function () {
      if (started) return;
      started = true;
      var loader = document.createElement('script');
      loader.type = 'module';
      loader.src = app.getAttribute('data-app');
      loader.integrity = app.getAttribute('data-integrity');
      document.head.appendChild(loader);
    };
    var timed = window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf('paint') >= 0;
    if (timed) {
      new PerformanceObserver(function (list, observer) { observer.disconnect(); setTimeout(start); })
        .observe({ type: 'paint', buffered: true });
    }
    document.addEventListener('DOMContentLoaded', function () {
      if (document.visibilityState === 'hidden') return start();
      if (!timed) requestAnimationFrame(function () { setTimeout(start); });
      setTimeout(start, 250);
    });
  }
  if (state !== 'first' && state !== 'remembered') return;
  var shown = false;
  var show = function (parsed) {
    var frame = document.getElementById('first-paint');
    // Once the parser is past the frame, it is whole.
    if (shown || !frame || !(parsed || frame.nextSibling)) return;
    shown = true;
    watch.disconnect();
    try {
      if (state === 'remembered') fill(frame, window.tokenworthRemembered);
      frame.setAttribute('data-whole', '');
    } catch (e) {
      root.setAttribute('data-first-paint', 'waiting');
    }
  };
  var watch = new MutationObserver(function () { show(false); });
  watch.observe(root, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', function () { show(true); watch.disconnect(); });

  function fill(frame, remembered) {
    frame.querySelector('#offer-picker').innerHTML = remembered.picker;
    var holder = document.createElement('div');
    holder.innerHTML = remembered.headline;
    var headline = holder.querySelector('section.headline');
    headline.classList.add('remembered');
    headline.setAttribute('aria-busy', 'true');
    frame.querySelector('section.headline').replaceWith(headline);
  }

  function decide() {
    var meta = document.querySelector('meta[name="tokenworth-build"]');
    // A share link, the guided start or an embed opens something else than the stored offers.
    if (!meta || location.search || location.hash) return 'waiting';
    var local = window.localStorage;
    // The frame's figures are written as en-US: a person who reads another number format (their
    // choice, else their browser's: ui::kit::locale::wanted) waits for the app's, never a flash.
    var locale = local.getItem('tokenworth.locale') || navigator.language || 'en-US';
    if (locale !== 'en-US' && locale !== 'en') return 'waiting';
    var stored = local.getItem('tokenworth.library');
    var tab = window.sessionStorage.getItem('tokenworth.current');
    if (stored === null) {
      // Nothing saved, no kept copy of unreadable offers to tell of: the example opens.
      for (var i = 0; i < local.length; i++) if (/^tokenworth\.backup\./.test(local.key(i))) return 'waiting';
      return tab === null ? 'first' : 'waiting';
    }
    // [key, the offers list's options, the headline], as src/ui/first_paint.rs keeps them.
    var kept = JSON.parse(local.getItem('tokenworth.first-paint'));
    if (!Array.isArray(kept) || kept.length !== 3) return 'waiting';
    // The offer this tab opens: the one it showed before a reload, if still stored, else the first.
    var shown = '';
    if (tab !== null) {
      var offers = JSON.parse(stored).offers;
      var ids = offers.map(function (o) { return o.id; });
      if (ids.indexOf(tab) > 0) shown = tab;
    }
    if (kept[0] !== key(meta.content, shown, stored)) return 'waiting';
    if (typeof kept[1] !== 'string' || typeof kept[2] !== 'string') return 'waiting';
    window.tokenworthRemembered = { picker: kept[1], headline: kept[2] };
    return 'remembered';
  }

  // library::first_paint_key: two 32-bit FNV-1a hashes over UTF-16 code units, and the length.
  function key(build, shown, stored) {
    var text = build + '\n' + shown + '\n' + stored;
    var a = 0x811c9dc5, b = 0x050c5d1f;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193) >>> 0;
      b = Math.imul(b ^ unit, 0x01000193);
      b = ((b << 5) | (b >>> 27)) >>> 0;
    }
    return hex(a) + hex(b) + '-' + text.length;
  }
  function hex(n) { return ('0000000' + n.toString(16)).slice(-8); }
})();
