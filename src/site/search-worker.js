// Bootstrap of the search-index worker thread: registers the TypeScript loader in this thread,
// then loads the worker itself (worker threads do not inherit the main thread's loader).
import { register } from "tsx/esm/api";

register();
await import("./search-worker.ts");
