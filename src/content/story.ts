import { readFile } from "node:fs/promises";
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";

/**
 * The story configuration (`content/story.yaml`): names the story, its threads and how to
 * recognise them, the aliases of names, and optionally the measures tallies are grouped by.
 * Validated with zod; every error carries the file, line and column of the offending node.
 */

const text = z.string().trim().min(1, "must not be empty");
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case slug (a-z, 0-9, single hyphens)");

export const entityKinds = ["person", "organization", "place"] as const;
export type EntityKind = (typeof entityKinds)[number];

const threadSchema = z
  .object({
    slug,
    title: text,
    description: z.string().default(""),
    /** Words or phrases; see `src/digest/threads.ts` for how they match. */
    keywords: z.array(text).default([]),
    /** Canonical entity names (after alias resolution) whose mention counts as a hit. */
    entities: z.array(text).default([]),
    /** Distinct hits a text needs to join the thread. */
    threshold: z.number().int().min(1).default(1),
  })
  .strict();

const measureSchema = z
  .object({
    /** The grouped measure's name, shown on the tallies page: "attacks on US forces". */
    name: text,
    /** Head words of the counted thing ("attack", "military personnel"), matched by lemma. */
    terms: z.array(text).min(1, "needs at least one term"),
    /** When given, one of these phrases must occur in the sentence for the measure to apply. */
    context: z.array(text).default([]),
  })
  .strict();

const storySchema = z
  .object({
    title: text,
    description: z.string().default(""),
    threads: z.array(threadSchema).min(1, "needs at least one thread"),
    /** canonical name → variants that mean the same entity. */
    aliases: z.record(text, z.array(text)).default({}),
    /** canonical name → kind, for names the NLP tagger misses or misclassifies. */
    entities: z.record(text, z.enum(entityKinds)).default({}),
    measures: z.array(measureSchema).default([]),
  })
  .strict()
  .superRefine((story, ctx) => {
    const seen = new Map<string, number>();
    story.threads.forEach((thread, i) => {
      const first = seen.get(thread.slug);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["threads", i, "slug"],
          message: `duplicate thread slug "${thread.slug}" (also threads[${first}])`,
        });
      } else seen.set(thread.slug, i);
      if (thread.keywords.length === 0 && thread.entities.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["threads", i],
          message: "a thread needs keywords or entities to be recognised",
        });
      }
    });
    const owner = new Map<string, string>();
    for (const [canonical, variants] of Object.entries(story.aliases)) {
      variants.forEach((variant, i) => {
        const key = variant.toLowerCase();
        const other = owner.get(key);
        if (other !== undefined && other !== canonical) {
          ctx.addIssue({
            code: "custom",
            path: ["aliases", canonical, i],
            message: `alias "${variant}" is already a variant of "${other}"`,
          });
        } else owner.set(key, canonical);
      });
    }
  });

export type StoryConfig = z.output<typeof storySchema>;
export type ThreadConfig = StoryConfig["threads"][number];
export type MeasureConfig = StoryConfig["measures"][number];

export interface StoryIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A story file that does not parse or validate; `issues` holds every problem found. */
export class StoryConfigError extends Error {
  readonly issues: StoryIssue[];
  constructor(issues: StoryIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n"));
    this.name = "StoryConfigError";
    this.issues = issues;
  }
}

function pathLabel(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

/** Offset of the YAML node at `path` (or of the key `key` inside it), else of the nearest parent. */
function offsetOf(doc: Document, path: readonly PropertyKey[], key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (!isNode(node) || !node.range) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return 0;
}

/** Parses and validates story configuration text; throws StoryConfigError with line numbers. */
export function parseStory(source: string, file = "content/story.yaml"): StoryConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const at = (offset: number, message: string): StoryIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: Math.max(line, 1), column: Math.max(col, 1), message };
  };
  if (doc.errors.length > 0) {
    throw new StoryConfigError(
      doc.errors.map((e) => at(e.pos[0], `YAML syntax: ${e.message.split("\n")[0] ?? e.code}`)),
    );
  }
  const result = storySchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) =>
        at(offsetOf(doc, issue.path, k), `${pathLabel([...issue.path, k])}: unknown key "${k}"`),
      );
    }
    return [at(offsetOf(doc, issue.path), `${pathLabel(issue.path)}: ${issue.message}`)];
  });
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new StoryConfigError(issues);
}

/** Reads and validates a story file; `label` is the name used in error messages. */
export async function loadStory(path: string, label: string = path): Promise<StoryConfig> {
  return parseStory(await readFile(path, "utf8"), label);
}

/** Like loadStory, but resolves to null when the file does not exist (stories are optional). */
export async function loadStoryIfPresent(path: string, label: string = path): Promise<StoryConfig | null> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseStory(source, label);
}
