// The engine worker (src/ui/engine_worker.rs): evaluates large plans off the page's main
// thread. It runs the page's own wasm: the page sends its compiled WebAssembly.Module first,
// so nothing is downloaded or compiled again (and its first plan at once, read when the wasm
// is up). Then, one plan at a time, { seq, plan, base } in (plan JSON; base: the request whose
// report the page holds, or absent), and out:
// { kind: 'progress', seq, done, classes } after a class, at most every PROGRESS_EVERY_MS; each
// class's report JSON as { kind: 'class', seq, index, json }, one message each, posted as soon
// as it is written, so that the page reads class 0 (in its own task) while this writes class 1
// (json null: the same as class index of the report this worker last delivered, which is
// base's; with count, the classes index to index + count - 1 all are, in one message); then
// { kind: 'report', seq, head, classes, evaluate_ms, evaluate_started, encode_ms } (the rest of
// the report; when the engine began, ms since the epoch; the time spent writing JSON). Or
// { kind: 'failed', seq, message }.
import init, { engineEvaluate } from '../meridian-web.js';

let ready = null;

// Progress is for evaluations long enough to watch: after an edit the engine reuses most
// classes and answers in a few ms, and a message per class would only cost the page a task
// each (and a re-render of its progress line). 100 ms: about where a wait starts to be
// noticed (Card, Robertson and Mackinlay, "The information visualizer", CHI 1991).
const PROGRESS_EVERY_MS = 100;

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
  let told = performance.now();
  // Consecutive unchanged classes, sent as one message.
  let unchanged = null;
  const sendUnchanged = () => {
    if (unchanged) self.postMessage({ kind: 'class', seq, json: null, ...unchanged });
    unchanged = null;
  };
  try {
    const answer = engineEvaluate(
      plan,
      (done, classes) => {
        if (performance.now() - told < PROGRESS_EVERY_MS) return;
        told = performance.now();
        self.postMessage({ kind: 'progress', seq, done, classes });
      },
      (index, json) => {
        if (json === null && unchanged) unchanged.count += 1;
        else if (json === null) unchanged = { index, count: 1 };
        else {
          sendUnchanged();
          self.postMessage({ kind: 'class', seq, index, json });
        }
      },
      seq,
      base,
    );
    sendUnchanged();
    const { head, classes, evaluate_ms, evaluate_started, encode_ms } = answer;
    self.postMessage({ kind: 'report', seq, head, classes, evaluate_ms, evaluate_started, encode_ms });
  } catch (e) {
    // A panic aborts the wasm: this worker is not used again (the page evaluates instead).
    self.postMessage({ kind: 'failed', seq, message: String(e) });
  }
};
