// Loads the app. A file of its own (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid every inline script.
import init from '../meridian-web.js';

await init({ module_or_path: new URL('../meridian-web_bg.wasm', import.meta.url) });

// After the app is up, keep its files for visits with no network (sw.js, README
// "Offline and install"). Skipped where service workers are unavailable (http: hosts).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch((e) => {
    console.warn('Meridian works, but will not open offline:', e);
  });
}
