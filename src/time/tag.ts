/** The tagger the pipeline uses. */
export { tagTimes } from "./tagger.ts";
