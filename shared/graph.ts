/** Directed graphs over string ids: strongly connected components and cycles, iterative (no recursion limits). */

export type Successors = (node: string) => readonly string[];

/** Tarjan's algorithm. Returns components in reverse topological order; edges to unknown nodes are ignored. */
export function stronglyConnected(nodes: readonly string[], next: Successors): string[][] {
  const known = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; succ: readonly string[]; i: number }[] = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, succ: next(node), i: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.succ.length) {
        const to = frame.succ[frame.i++];
        if (!known.has(to)) continue;
        if (!index.has(to)) visit(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          comp.push(n);
        } while (n !== frame.node);
        out.push(comp);
      }
    }
  }
  return out;
}

export interface Cycle {
  /** A closed walk through the component, starting and ending at its smallest id: [a, b, c, a]. */
  path: string[];
  /** Every node of the strongly connected component, sorted. */
  members: string[];
}

/** Every cyclic component (including self-loops), each with one concrete cycle through its smallest member. */
export function findCycles(nodes: readonly string[], next: Successors): Cycle[] {
  const cycles: Cycle[] = [];
  for (const comp of stronglyConnected(nodes, next)) {
    const members = [...comp].sort();
    const start = members[0];
    if (members.length === 1 && !next(start).includes(start)) continue;
    const inComp = new Set(members);
    // Breadth-first search for the shortest way back to start inside the component.
    const prev = new Map<string, string>();
    const queue = [start];
    let found = false;
    for (let q = 0; q < queue.length && !found; q++) {
      const node = queue[q];
      for (const to of [...next(node)].sort()) {
        if (!inComp.has(to)) continue;
        if (to === start) {
          prev.set(start, node);
          found = true;
          break;
        }
        if (!prev.has(to)) {
          prev.set(to, node);
          queue.push(to);
        }
      }
    }
    const path = [start];
    for (let n = prev.get(start)!; n !== start; n = prev.get(n)!) path.push(n);
    path.push(start);
    const walk = [start, ...path.slice(1, -1).reverse(), start];
    cycles.push({ path: walk, members });
  }
  return cycles.sort((a, b) => (a.members[0] < b.members[0] ? -1 : 1));
}

/** "A → B → C → A", plus the other members when the component is more than one simple cycle. */
export function describeCycle(cycle: Cycle, label: (id: string) => string = (id) => id): string {
  const onPath = new Set(cycle.path);
  const others = cycle.members.filter((m) => !onPath.has(m));
  const text = cycle.path.map(label).join(' → ');
  return others.length > 0 ? `${text} (also caught in the same loop: ${others.map(label).join(', ')})` : text;
}
