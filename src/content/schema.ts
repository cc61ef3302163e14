import { z } from "zod";
import { isValidDateString, isValidDateTimeString } from "../time/calendar.ts";

/** Slugs become URL paths and folder names: kebab-case ASCII only, so none can escape the output folder. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const dateField = z
  .union([z.string(), z.date()])
  .transform((value, ctx) => {
    // js-yaml turns an unquoted 2024-01-06 into a Date at UTC midnight; keep what it meant.
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) {
        ctx.addIssue({ code: "custom", message: "is not a real date" });
        return z.NEVER;
      }
      const iso = value.toISOString();
      return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
    }
    const text = value.trim();
    if (isValidDateString(text) || isValidDateTimeString(text)) return text;
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is not a real calendar date: write it as YYYY-MM-DD (e.g. 2024-01-06) or an ISO 8601 date-time (2024-01-06T14:30:00Z)`,
    });
    return z.NEVER;
  });

const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim()).filter(Boolean));

/** The front matter of a report. Unknown keys are kept but reported as warnings by the loader. */
export const frontMatterSchema = z.object({
  title: z.string().trim().min(1, "must not be empty"),
  date: dateField,
  slug: z
    .string()
    .trim()
    .regex(SLUG_PATTERN, "must be lower-case letters, digits and single hyphens (e.g. iraq-coalition-talks)")
    .optional(),
  tags: stringList.optional(),
  threads: stringList.optional(),
  source: z.string().trim().optional(),
  summary: z.string().trim().optional(),
  draft: z.boolean().optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** The keys the schema knows; anything else in front matter earns a warning. */
export const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.keys(frontMatterSchema.shape));
