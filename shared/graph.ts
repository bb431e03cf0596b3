/** Directed graphs over string ids: strongly connected components and cycles, iterative (no recursion limits). */

export type Successors = (node: string) => readonly string[];

/** Tarjan's algorithm. Returns components in reverse topological order; edges to unknown nodes are ignored. */
export function stronglyConnected(nodes: readonly string[], next: Successors): string[][] {
  return componentsOf(nodes, adjacency(nodes, next)).map((comp) => comp.map((i) => nodes[i]));
}

/** Successor lists as node indexes, each node's successors asked for once. */
function adjacency(nodes: readonly string[], next: Successors): number[][] {
  const position = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!position.has(n)) position.set(n, i);
  });
  return nodes.map((n) => {
    const out: number[] = [];
    for (const to of next(n)) {
      const j = position.get(to);
      if (j !== undefined) out.push(j);
    }
    return out;
  });
}

/**
 * Iterative Tarjan over integer indexes (no recursion limit, no per-node allocation beyond the components). With
 * `cyclicOnly`, a component of one node without a loop on itself is left out (most nodes of a graph without loops).
 */
function componentsOf(nodes: readonly string[], adj: number[][], cyclicOnly = false): number[][] {
  const n = nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frames: number[] = []; // pairs: node, next successor position
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    frames.push(root, 0);
    while (frames.length > 0) {
      const top = frames.length - 2;
      const node = frames[top];
      const succ = adj[node];
      const i = frames[top + 1];
      if (i < succ.length) {
        frames[top + 1] = i + 1;
        const to = succ[i];
        if (index[to] === -1) {
          index[to] = low[to] = counter++;
          stack.push(to);
          onStack[to] = 1;
          frames.push(to, 0);
        } else if (onStack[to] && index[to] < low[node]) low[node] = index[to];
        continue;
      }
      frames.length = top;
      if (frames.length > 0) {
        const parent = frames[frames.length - 2];
        if (low[node] < low[parent]) low[parent] = low[node];
      }
      if (low[node] === index[node]) {
        if (cyclicOnly && stack[stack.length - 1] === node && !succ.includes(node)) {
          stack.pop();
          onStack[node] = 0;
          continue;
        }
        const comp: number[] = [];
        let m: number;
        do {
          m = stack.pop()!;
          onStack[m] = 0;
          comp.push(m);
        } while (m !== node);
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
  const adj = adjacency(nodes, next);
  const cycles: Cycle[] = [];
  for (const comp of componentsOf(nodes, adj, true)) {
    const members = comp.map((i) => nodes[i]).sort();
    const start = members[0];
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
