// Loads the app. A file of its own (not Trunk's inline loader) so that the
// Content-Security-Policy can forbid every inline script.
import init from '../meridian-web.js';

init({ module_or_path: new URL('../meridian-web_bg.wasm', import.meta.url) });
