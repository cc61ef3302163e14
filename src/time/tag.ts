/** The tagger the pipeline uses. */
export { chronoTimexes as tagTimes } from "./chrono-baseline.ts";
