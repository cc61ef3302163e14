import { cap } from "./dates.ts";
import type { Rng } from "./prng.ts";
import type { Story } from "./stories.ts";

const FIGURES = new Intl.NumberFormat("en-US");

/** Fills the {slots} of one template; see `stories.ts` for the slot names. */
export function fill(template: string, story: Story, rng: Rng, dates: Record<string, () => string>): string {
  let place: string | undefined;
  const entity = (pool: string[], avoid?: string): string => {
    const choices = avoid === undefined ? pool : pool.filter((x) => x !== avoid);
    return rng.pick(choices.length > 0 ? choices : pool);
  };
  const person = entity(story.people);
  const group = entity(story.groups);
  const slot = (name: string): string => {
    const range = /^n:(\d+):(\d+)$/.exec(name);
    if (range) return FIGURES.format(rng.int(Number(range[1]), Number(range[2])));
    switch (name) {
      case "person":
        return person;
      case "person2":
        return entity(story.people, person);
      case "group":
        return group;
      case "place":
        place ??= entity(story.places);
        return place;
      case "place2":
        place ??= entity(story.places);
        return entity(story.places, place);
      case "k":
        return rng.chance(0.5) ? `${rng.int(1, 9)}.${rng.int(1, 9)} thousand` : FIGURES.format(rng.int(2, 90) * 1000);
      case "pct":
        return rng.chance(0.3) ? `${rng.int(2, 40)}.${rng.int(1, 9)}` : String(rng.int(3, 68));
    }
    const phrase = dates[name];
    if (!phrase) throw new Error(`unknown template slot {${name}}`);
    return phrase();
  };
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9]+)*)\}/g, (_all, raw: string) => {
    if (raw.startsWith("Cap:")) return cap(slot(raw.slice(4)));
    const first = raw.charAt(0);
    if (first !== first.toLowerCase()) return cap(slot(first.toLowerCase() + raw.slice(1)));
    return slot(raw);
  });
}
