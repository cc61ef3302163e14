// Bootstrap of an analysis worker thread: registers the TypeScript loader in this thread,
// then loads the worker itself (worker threads do not inherit the main thread's loader).
import { register } from "tsx/esm/api";

register();
await import("./analyze-worker.ts");
