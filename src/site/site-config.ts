/** Site-wide settings the templates print; from the environment so one build deploys anywhere. */
export interface SiteConfig {
  title: string;
  tagline: string;
  /** Absolute origin for canonical URLs and feeds, without a trailing slash. */
  url: string;
  /** Path the site is served under, "/" or "/news/". */
  pathPrefix: string;
  language: string;
}

export function siteConfig(env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const prefix = env.DATELINE_PATH_PREFIX ?? "/";
  return {
    title: env.DATELINE_TITLE ?? "Dateline",
    tagline: "A developing story, report by report, in order.",
    url: (env.DATELINE_URL ?? "https://example.org").replace(/\/+$/, ""),
    pathPrefix: `/${prefix.replace(/^\/+|\/+$/g, "")}/`.replace("//", "/"),
    language: "en",
  };
}
