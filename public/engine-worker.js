// The engine worker (src/ui/engine_worker.rs): evaluates large plans off the page's main
// thread. It runs the page's own wasm: the page sends its compiled WebAssembly.Module first,
// so nothing is downloaded or compiled again (and its first plan at once, read when the wasm
// is up). Then, one plan at a time, { seq, plan, base } in (plan JSON; base: the request whose
// report the page holds, or absent), and out:
// { kind: 'progress', seq, done, classes } after each class; each class's report JSON as
// { kind: 'class', seq, index, json }, one message each (json null: the same as class index of
// the report this worker last delivered, which is base's), posted as soon as it is written, so
// that the page reads class 0 (in its own task) while this writes class 1; then
// { kind: 'report', seq, head, classes, evaluate_ms, evaluate_started, encode_ms } (the rest of
// the report; when the engine began, ms since the epoch; the time spent writing JSON). Or
// { kind: 'failed', seq, message }.
import init, { engineEvaluate } from '../meridian-web.js';

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.module) {
    ready = init({ module_or_path: data.module }).then(
      () => { self.postMessage({ kind: 'ready' }); return true; },
      (e) => { self.postMessage({ kind: 'failed', message: `its wasm did not start: ${e}` }); return false; },
    );
    return;
  }
  // The page sends its first plan right after the module, without waiting for 'ready'.
  const { seq, plan, base } = data;
  if (!(await ready)) return;
  try {
    const answer = engineEvaluate(
      plan,
      (done, classes) => self.postMessage({ kind: 'progress', seq, done, classes }),
      (index, json) => self.postMessage({ kind: 'class', seq, index, json }),
      seq,
      base,
    );
    const { head, classes, evaluate_ms, evaluate_started, encode_ms } = answer;
    self.postMessage({ kind: 'report', seq, head, classes, evaluate_ms, evaluate_started, encode_ms });
  } catch (e) {
    // A panic aborts the wasm: this worker is not used again (the page evaluates instead).
    self.postMessage({ kind: 'failed', seq, message: String(e) });
  }
};
