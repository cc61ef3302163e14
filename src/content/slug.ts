/** A URL-safe kebab-case slug from any text: accents folded, everything else dropped. */
export function slugify(text: string, maxLength = 60): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength + 1);
  const at = cut.lastIndexOf("-");
  return (at > 10 ? cut.slice(0, at) : base.slice(0, maxLength)).replace(/-+$/g, "");
}
