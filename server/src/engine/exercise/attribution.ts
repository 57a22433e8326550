/**
 * Which comment answers which problem: a maximum-value bipartite matching
 * (each comment credits at most one problem, each problem is credited once).
 * An edge's value is a pair compared lexicographically — the problem's weight
 * first, then how many of its subjects the comment names — so the found weight
 * is as large as possible and, among attributions of equal weight, comments go
 * to the problems they are most clearly about (SPEC §8).
 *
 * Successive shortest augmenting paths (Bellman–Ford on the residual graph)
 * with pair-valued costs: polynomial, exact for any weights, and the sizes are
 * small (tens of problems and comments).
 */

/** A possible answer: comment `comment` may credit problem `problem`. */
export interface AttributionEdge {
  problem: number;
  comment: number;
  weight: number;
  /** Tie-breaker: how many of the problem's subjects the comment names. */
  matches: number;
}

type Cost = readonly [number, number];
const ZERO: Cost = [0, 0];
const add = (a: Cost, b: Cost): Cost => [a[0] + b[0], a[1] + b[1]];
/** a < b, lexicographic; weights are compared with a tolerance so float sums of equal weights tie. */
function less(a: Cost, b: Cost): boolean {
  const d = a[0] - b[0];
  if (Math.abs(d) > 1e-9 * Math.max(1, Math.abs(a[0]), Math.abs(b[0]))) return d < 0;
  return a[1] < b[1];
}

interface Arc {
  to: number;
  cap: number;
  cost: Cost;
  /** Index of the reverse arc in `arcs`. */
  rev: number;
}

/** For each problem, the index of the comment credited to it (undefined: not found). */
export function attribute(problemCount: number, commentCount: number, edges: readonly AttributionEdge[]): (number | undefined)[] {
  // Nodes: 0 source, 1..P problems, P+1..P+C comments, P+C+1 sink.
  const source = 0;
  const sink = problemCount + commentCount + 1;
  const nodes = sink + 1;
  const arcs: Arc[] = [];
  const out: number[][] = Array.from({ length: nodes }, () => []);
  const link = (from: number, to: number, cost: Cost) => {
    out[from]!.push(arcs.length);
    arcs.push({ to, cap: 1, cost, rev: arcs.length + 1 });
    out[to]!.push(arcs.length);
    arcs.push({ to: from, cap: 0, cost: [-cost[0], -cost[1]], rev: arcs.length - 1 });
  };
  for (let p = 0; p < problemCount; p++) link(source, 1 + p, ZERO);
  for (let c = 0; c < commentCount; c++) link(1 + problemCount + c, sink, ZERO);
  for (const e of edges) link(1 + e.problem, 1 + problemCount + e.comment, [-e.weight, -e.matches]);

  // Each augmentation matches one more problem; stop when the cheapest path no longer adds value.
  for (let round = 0; round < Math.min(problemCount, commentCount); round++) {
    const dist: (Cost | undefined)[] = new Array(nodes).fill(undefined);
    const via: number[] = new Array(nodes).fill(-1);
    dist[source] = ZERO;
    for (let pass = 0; pass < nodes; pass++) {
      let changed = false;
      for (let from = 0; from < nodes; from++) {
        const d = dist[from];
        if (!d) continue;
        for (const ai of out[from]!) {
          const arc = arcs[ai]!;
          if (arc.cap <= 0) continue;
          const next = add(d, arc.cost);
          const current = dist[arc.to];
          if (!current || less(next, current)) {
            dist[arc.to] = next;
            via[arc.to] = ai;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    const total = dist[sink];
    if (!total || !less(total, ZERO)) break;
    for (let node = sink; node !== source; ) {
      const arc = arcs[via[node]!]!;
      arc.cap--;
      arcs[arc.rev]!.cap++;
      node = arcs[arc.rev]!.to;
    }
  }

  const credited = new Array<number | undefined>(problemCount).fill(undefined);
  for (let p = 0; p < problemCount; p++) {
    for (const ai of out[1 + p]!) {
      const arc = arcs[ai]!;
      const isForward = arc.to > problemCount && arc.to !== sink && arc.to !== source;
      if (isForward && arc.cap === 0 && arcs[arc.rev]!.cap === 1) credited[p] = arc.to - 1 - problemCount;
    }
  }
  return credited;
}
