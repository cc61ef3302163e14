/** Site-wide settings the templates print; from the environment so one build deploys anywhere. */
export interface SiteConfig {
  /** The story's title when `content/story.yaml` names one, else DATELINE_TITLE or "Dateline". */
  title: string;
  /** One line under the title. */
  tagline: string;
  /** The story's description (or the tagline): the site's default meta description. */
  description: string;
  /** Absolute origin for canonical URLs and feeds, without a trailing slash. */
  url: string;
  /** Path the site is served under, "/" or "/news/". */
  pathPrefix: string;
  language: string;
}

/** What the story configuration contributes, when there is one. */
export interface StoryTitle {
  title: string;
  description: string;
}

const TAGLINE = "A developing story, report by report, in order.";

/** Normalises a path prefix to "/" or "/a/b/". */
export function normalizePathPrefix(prefix: string): string {
  const inner = prefix.replace(/^\/+|\/+$/g, "");
  return inner === "" ? "/" : `/${inner}/`;
}

/**
 * DATELINE_URL (origin, default https://example.org), DATELINE_PATH_PREFIX (default "/"),
 * DATELINE_TITLE (used when no story names the site).
 */
export function siteConfig(env: NodeJS.ProcessEnv = process.env, story: StoryTitle | null = null): SiteConfig {
  const description = story?.description.replace(/\s+/g, " ").trim() || TAGLINE;
  return {
    title: story?.title ?? env.DATELINE_TITLE ?? "Dateline",
    tagline: TAGLINE,
    description,
    url: (env.DATELINE_URL ?? "https://example.org").replace(/\/+$/, ""),
    pathPrefix: normalizePathPrefix(env.DATELINE_PATH_PREFIX ?? "/"),
    language: "en",
  };
}

/** The absolute URL of a site path ("/reports/x/#p2"), with the origin and the path prefix. */
export function absoluteUrl(site: Pick<SiteConfig, "url" | "pathPrefix">, sitePath: string): string {
  return `${site.url}${site.pathPrefix}${sitePath.replace(/^\/+/, "")}`;
}
