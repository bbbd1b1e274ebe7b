// Loads the app. A file of its own (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid every inline script.
import init from '../meridian-web.js';

const wasm = new URL('../meridian-web_bg.wasm', import.meta.url);
let module_or_path = wasm;

// A plan link may open a plan large enough for the engine worker (src/ui/engine_worker.rs).
// A module worker does not start while the page's main thread is busy, and the app's first
// render of a large plan keeps it busy for half a second: so the worker is started now, while
// the wasm compiles off the main thread (compiled here, for the same reason). It only loads;
// the app adopts it if its plan needs it. An error before then (its script failed) is kept
// for the app to see. Measured: docs/plan-format.md, "Evaluating off the main thread".
if (/(^#|&)plan=/.test(location.hash) && 'Worker' in self) {
  try {
    const compiled = WebAssembly.compileStreaming(fetch(wasm));
    const worker = new Worker(new URL('engine-worker.js', import.meta.url), { type: 'module' });
    worker.onerror = (e) => { worker.startError = e.message || 'it could not be loaded'; };
    self.meridianEngineWorker = worker;
    // A server that does not send wasm as application/wasm: the app's loader copes.
    module_or_path = await compiled.catch(() => wasm);
  } catch (e) {
    console.warn('Meridian: the engine worker could not be started early:', e);
  }
}

await init({ module_or_path });

// After the app is up, keep its files for visits with no network (sw.js, README
// "Offline and install"). Skipped where service workers are unavailable (http: hosts).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch((e) => {
    console.warn('Meridian works, but will not open offline:', e);
  });
}
