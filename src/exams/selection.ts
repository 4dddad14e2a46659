// Which questions of one course and one type go on a paper. Pure: the candidates, how many, the
// blueprint's wishes and the seed's random stream in; the chosen questions out.
//
// Questions are picked one at a time; each pick takes the candidate that is best on, in order:
//  1. exposure: never seen in the trainee's earlier attempts of this blueprint, else the one whose
//     latest sighting is oldest. A retake should test, not replay; so when the unseen questions of a
//     course and type are enough, the retake holds none of the earlier ones, even if that costs
//     the difficulty mix (a memorised answer distorts the score more than one band's swap).
//  2. difficulty: a band that still has room in the mix (bandQuotas). When a band runs short (few such
//     questions, or all of them seen), its place goes to the nearest band — easy and hard fall
//     back to medium first, then to the other end; medium to easy or hard alike — so the paper's
//     average difficulty moves as little as possible.
//  3. lessons (unless the rule says `spread: none`): the lesson with the fewest picks so far in
//     this course, counted across all types, so the course's picks spread evenly over its lessons.
//  4. topic: one not yet asked in this course, so two questions rarely test the same point.
//  5. chance: a number from the attempt's seed, drawn for every candidate in key order.
import type { PoolQuestion } from './banks.js';
import type { Rng } from './prng.js';
import { difficultyBand } from '../catalog/index.js';

export const BANDS = ['easy', 'medium', 'hard'] as const;
export type Band = (typeof BANDS)[number];
/** Percent of a rule's picks per band; adds up to 100. */
export type DifficultyMix = Record<Band, number>;

/** The bands of the one difficulty scale (docs/decisions/005-difficulty-scale.md). */
export const bandOf: (difficulty: number) => Band = difficultyBand;

/**
 * How many of `n` picks each band gets: n × percent, rounded down or up at random with the
 * probability of its fraction (systematic sampling), so the counts add up to n and, over many
 * papers, every band gets exactly its share. Fixed rounding would not: a rule drawing one true/false
 * question would always take a medium one, and hard ones would never be asked.
 */
export function bandQuotas(n: number, mix: DifficultyMix, rng: Rng): Record<Band, number> {
  // In hundredths, so the arithmetic is exact: whole percents times a whole count.
  const exact = BANDS.map((b) => n * mix[b]);
  const out = exact.map((x) => Math.floor(x / 100));
  let seat = Math.floor(rng() * 100); // one uniform start; the seats then lie 100 apart
  let edge = 0;
  exact.forEach((x, i) => {
    edge += x % 100;
    if (seat < edge) {
      out[i] = out[i]! + 1;
      seat += 100;
    }
  });
  return { easy: out[0]!, medium: out[1]!, hard: out[2]! };
}

/**
 * Where a trainee saw questions before: key → ordinal of the latest earlier attempt of the
 * blueprint that held it (0 = the oldest attempt; higher = more recent).
 */
export type Exposure = ReadonlyMap<string, number>;

/** Picks so far per lesson and per topic within one course; shared by the course's types. */
export type CourseLoad = { lessons: Map<string, number>; topics: Map<string, number> };
export const emptyLoad = (): CourseLoad => ({ lessons: new Map(), topics: new Map() });

export type ChooseOptions = {
  mix?: DifficultyMix;
  spread: boolean;
  exposure?: Exposure;
  /** The lesson a question counts under for spreading; the pool maps unknown lessons to one group. */
  lessonOf: (pq: PoolQuestion) => string;
};

const rank = (b: Band) => BANDS.indexOf(b);

export function chooseQuestions(candidates: readonly PoolQuestion[], n: number, load: CourseLoad, opts: ChooseOptions, rng: Rng): PoolQuestion[] {
  const left = opts.mix ? bandQuotas(n, opts.mix, rng) : undefined;
  const entries = candidates.map((pq) => {
    const lesson = opts.lessonOf(pq);
    const topic = pq.question.topic.trim();
    return {
      pq,
      band: rank(bandOf(pq.question.difficulty)),
      lesson,
      topic,
      // Unseen 0; seen 1 + the ordinal of its latest attempt, so the least recently seen comes first.
      seen: 1 + (opts.exposure?.get(pq.key) ?? -1),
      // The course's picks so far of this question's lesson (0 without spreading) and topic: kept
      // on the entry and counted up after each pick, so the scan below compares numbers instead of
      // looking both up in maps for every candidate on every pick (the hot loop of a start storm).
      lessonLoad: opts.spread ? (load.lessons.get(lesson) ?? 0) : 0,
      topicLoad: load.topics.get(topic) ?? 0,
      chance: rng(),
    };
  });
  type Entry = (typeof entries)[number];
  // The order of the header's list: exposure, difficulty band, lesson, topic, chance.
  const better = (a: Entry, b: Entry): boolean => {
    if (a.seen !== b.seen) return a.seen < b.seen;
    if (distance[a.band] !== distance[b.band]) return distance[a.band]! < distance[b.band]!;
    if (a.lessonLoad !== b.lessonLoad) return a.lessonLoad < b.lessonLoad;
    if (a.topicLoad !== b.topicLoad) return a.topicLoad < b.topicLoad;
    return a.chance < b.chance;
  };
  const chosen: PoolQuestion[] = [];
  // Per band: the band a question of it would fill (its own if there is room, else the nearest
  // with room) and how far that is. Recomputed after every pick; without a mix, all 0.
  const fills = [0, 1, 2];
  const distance = [0, 0, 0];
  while (chosen.length < n && entries.length > 0) {
    if (left) {
      for (let b = 0; b < 3; b++) {
        distance[b] = Infinity;
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(b - c);
          if (left[BANDS[c]!] > 0 && d < distance[b]!) {
            distance[b] = d;
            fills[b] = c;
          }
        }
      }
    }
    let at = 0;
    for (let i = 1; i < entries.length; i++) if (better(entries[i]!, entries[at]!)) at = i;
    const [e] = entries.splice(at, 1);
    if (left) left[BANDS[fills[e!.band]!]!] -= 1;
    load.lessons.set(e!.lesson, (load.lessons.get(e!.lesson) ?? 0) + 1);
    load.topics.set(e!.topic, (load.topics.get(e!.topic) ?? 0) + 1);
    for (const other of entries) {
      if (opts.spread && other.lesson === e!.lesson) other.lessonLoad += 1;
      if (other.topic === e!.topic) other.topicLoad += 1;
    }
    chosen.push(e!.pq);
  }
  return chosen;
}
