// The live state diagram: laid out and drawn as SVG from the machine graph the server builds from the
// XState definition (/_console/machine.json), never from a hand-drawn picture. States are boxes (a
// compound state contains its children), transitions are arrows labelled with their events, and
// internal transitions are listed inside their state.

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEAF_W = 150;
const LEAF_MIN_H = 50;
const LINE_H = 15;
const GAP = 104;
const PAD = 18;
const HEADER = 36;
const MARGIN = 44;
const LANE_GAP = 30;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Boxes for every state: children of a compound state in a row inside it, centred vertically. */
function layout(graph) {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const internal = new Map();
  for (const t of graph.transitions) {
    if (t.target !== null) continue;
    const list = internal.get(t.source) ?? [];
    list.push(t.guard === null ? t.label : `${t.label} [${t.guard}]`);
    internal.set(t.source, list);
  }
  const boxes = new Map();
  const measure = (id) => {
    const s = byId.get(id);
    const lines = internal.get(id) ?? [];
    if (s.children.length === 0) {
      // Wide enough for the longest internal transition (about 6.3 px per character at 10.5 px).
      const w = Math.max(LEAF_W, ...lines.map((l) => 30 + l.length * 6.3));
      return { w: Math.round(w), h: Math.max(LEAF_MIN_H, 34 + lines.length * LINE_H + 8) };
    }
    const sizes = s.children.map(measure);
    const w = PAD * 2 + sizes.reduce((a, b) => a + b.w, 0) + GAP * (sizes.length - 1);
    const h = HEADER + Math.max(...sizes.map((z) => z.h)) + PAD + lines.length * LINE_H;
    return { w, h };
  };
  const place = (id, x, y) => {
    const s = byId.get(id);
    const size = measure(id);
    boxes.set(id, { id, x, y, w: size.w, h: size.h, state: s, internal: internal.get(id) ?? [] });
    if (s.children.length === 0) return;
    const inner = s.children.map(measure);
    const innerH = Math.max(...inner.map((z) => z.h));
    let cx = x + PAD;
    s.children.forEach((child, i) => {
      place(child, cx, y + HEADER + (innerH - inner[i].h) / 2);
      cx += inner[i].w + GAP;
    });
  };
  const root = byId.get(graph.root);
  const sizes = root.children.map(measure);
  const rowH = Math.max(...sizes.map((z) => z.h));
  let x = MARGIN;
  root.children.forEach((child, i) => {
    place(child, x, MARGIN + (rowH - sizes[i].h) / 2);
    x += sizes[i].w + GAP;
  });
  return { boxes, byId, width: x - GAP + MARGIN, rowBottom: MARGIN + rowH };
}

function isAncestorOrSelf(byId, ancestor, id) {
  for (let cur = id; cur !== null && cur !== undefined; cur = byId.get(cur)?.parent) if (cur === ancestor) return true;
  return false;
}

/** Transitions between the same two states become one arrow whose label lists the events. */
function mergeEdges(graph) {
  const edges = new Map();
  for (const t of graph.transitions) {
    if (t.target === null) continue;
    const key = `${t.source}->${t.target}`;
    const edge = edges.get(key) ?? { source: t.source, target: t.target, events: [], labels: [] };
    edge.events.push(t.event);
    edge.labels.push(t.guard === null ? t.label : `${t.label} [${t.guard}]`);
    edges.set(key, edge);
  }
  return [...edges.values()];
}

export class StateDiagram {
  constructor(container, graph) {
    this.graph = graph;
    this.edges = mergeEdges(graph);
    const { boxes, byId, width, rowBottom } = layout(graph);
    this.boxes = boxes;
    this.byId = byId;
    const initial = byId.get(graph.root).initial;
    this.initialKey = initial === null ? undefined : byId.get(initial).key;
    this.leafByKey = new Map(graph.states.filter((s) => s.children.length === 0).map((s) => [s.key, s.id]));
    this.svg = el('svg', { class: 'state-diagram', role: 'img', 'aria-label': `state machine ${graph.id}` });
    const defs = el('defs');
    for (const [id, cls] of [['arrow', 'arrow-head'], ['arrow-taken', 'arrow-head taken']]) {
      const marker = el('marker', {
        id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
      });
      marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }));
      defs.append(marker);
    }
    this.svg.append(defs);
    this.stateLayer = el('g');
    this.edgeLayer = el('g');
    this.svg.append(this.stateLayer, this.edgeLayer);
    for (const s of graph.states) if (s.id !== graph.root) this.drawState(boxes.get(s.id));
    this.drawInitialMarkers();
    const lanesBottom = this.drawEdges(rowBottom);
    this.svg.setAttribute('viewBox', `0 0 ${width} ${lanesBottom + 16}`);
    this.svg.setAttribute('width', String(width));
    container.replaceChildren(this.svg);
  }

  drawState(box) {
    const { state } = box;
    const g = el('g', { class: `state state-${state.type}`, 'data-id': state.id, 'data-key': state.key });
    g.append(el('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 10, class: 'state-box' }));
    if (state.type === 'final') {
      g.append(el('rect', { x: box.x + 4, y: box.y + 4, width: box.w - 8, height: box.h - 8, rx: 7, class: 'state-final-inner' }));
    }
    const compound = state.children.length > 0;
    g.append(el('text', { x: box.x + (compound ? 12 : box.w / 2), y: box.y + 21, class: compound ? 'state-name compound' : 'state-name' }, state.key));
    if (state.invoke.length > 0) {
      g.append(el('text', { x: box.x + box.w - 12, y: box.y + 20, class: 'state-note invoke' }, `invokes ${state.invoke.join(', ')}`));
    }
    let y = compound ? box.y + box.h - PAD / 2 - box.internal.length * LINE_H + 4 : box.y + 40;
    for (const line of box.internal) {
      g.append(el('text', { x: box.x + (compound ? 12 : 10), y, class: 'state-internal' }, `↻ ${line}`));
      y += LINE_H;
    }
    this.stateLayer.append(g);
  }

  drawInitialMarkers() {
    for (const s of this.graph.states) {
      if (s.initial === null) continue;
      const target = this.boxes.get(s.initial);
      if (s.id === this.graph.root) {
        const y = target.y + target.h / 2;
        this.stateLayer.append(el('circle', { cx: target.x - 30, cy: y, r: 6, class: 'initial-dot' }));
        this.stateLayer.append(el('path', { d: `M${target.x - 24},${y} L${target.x - 1},${y}`, class: 'edge-line', 'marker-end': 'url(#arrow)' }));
      } else {
        const x = target.x + 16;
        const parent = this.boxes.get(s.id);
        const top = parent.y + HEADER - 2;
        this.stateLayer.append(el('circle', { cx: x - 10, cy: top - 0, r: 4, class: 'initial-dot' }));
        this.stateLayer.append(el('path', { d: `M${x - 6},${top} L${x},${target.y - 1}`, class: 'edge-line', 'marker-end': 'url(#arrow)' }));
      }
    }
  }

  /** Straight arrows between neighbours; every other arrow runs in its own lane below the states. */
  drawEdges(rowBottom) {
    const straight = [];
    const laned = [];
    for (const edge of this.edges) (this.canGoStraight(edge) ? straight : laned).push(edge);
    for (const edge of straight) {
      const s = this.boxes.get(edge.source);
      const t = this.boxes.get(edge.target);
      const top = Math.max(s.y, t.y);
      const bottom = Math.min(s.y + s.h, t.y + t.h);
      const y = top + (bottom - top) / 2;
      this.drawEdge(edge, `M${s.x + s.w},${y} L${t.x - 1},${y}`, (s.x + s.w + t.x) / 2, y - 6);
    }
    // Short spans take the upper lanes, so long arrows pass under them without crossing labels.
    const span = (e) => Math.abs(this.center(e.target) - this.center(e.source));
    laned.sort((a, b) => span(a) - span(b));
    const exits = this.spreadEndpoints(laned);
    let laneY = rowBottom + 10;
    for (const edge of laned) {
      laneY += LANE_GAP;
      const s = this.boxes.get(edge.source);
      const t = this.boxes.get(edge.target);
      const x1 = exits.get(`${edge.source}->${edge.target}:out`);
      const x2 = exits.get(`${edge.source}->${edge.target}:in`);
      const d = `M${x1},${s.y + s.h} L${x1},${laneY} L${x2},${laneY} L${x2},${t.y + t.h + 1}`;
      this.drawEdge(edge, d, (x1 + x2) / 2, laneY - 6);
    }
    return laneY + 10;
  }

  center(id) {
    const b = this.boxes.get(id);
    return b.x + b.w / 2;
  }

  /** Where each laned arrow leaves and enters a box: spread along the bottom edge, ordered by direction. */
  spreadEndpoints(laned) {
    const perBox = new Map();
    const add = (box, key, towards) => {
      const list = perBox.get(box) ?? [];
      list.push({ key, towards });
      perBox.set(box, list);
    };
    for (const e of laned) {
      add(e.source, `${e.source}->${e.target}:out`, this.center(e.target));
      add(e.target, `${e.source}->${e.target}:in`, this.center(e.source));
    }
    const at = new Map();
    for (const [id, list] of perBox) {
      const b = this.boxes.get(id);
      list.sort((a, c) => a.towards - c.towards);
      list.forEach((item, i) => at.set(item.key, b.x + (b.w * (i + 1)) / (list.length + 1)));
    }
    return at;
  }

  canGoStraight(edge) {
    const s = this.boxes.get(edge.source);
    const t = this.boxes.get(edge.target);
    // A compound source's arrows would run beside its children's: keep them apart in lanes.
    if (s.state.children.length > 0 || t.x < s.x + s.w) return false;
    const top = Math.max(s.y, t.y);
    const bottom = Math.min(s.y + s.h, t.y + t.h);
    if (bottom - top < 10) return false;
    const y = top + (bottom - top) / 2;
    for (const b of this.boxes.values()) {
      if (b.id === s.id || b.id === t.id) continue;
      if (isAncestorOrSelf(this.byId, b.id, s.id) || isAncestorOrSelf(this.byId, b.id, t.id)) continue;
      if (b.x < t.x && b.x + b.w > s.x + s.w && b.y < y && b.y + b.h > y) return false;
    }
    return true;
  }

  drawEdge(edge, d, labelX, labelY) {
    const g = el('g', { class: 'edge', 'data-source': edge.source, 'data-target': edge.target });
    g.append(el('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)' }));
    g.append(el('text', { x: labelX, y: labelY, class: 'edge-label' }, edge.labels.join(' / ')));
    this.edgeLayer.append(g);
    edge.node = g;
  }

  /**
   * Highlights the current state and marks the path taken. `path` is the list of status states seen
   * (`submitted`, `running`, ...); `outcome` tells which arrow reached `done`.
   */
  show(path, outcome) {
    const ids = path.map((key) => this.leafByKey.get(key)).filter((id) => id !== undefined);
    const current = ids[ids.length - 1];
    for (const g of this.stateLayer.querySelectorAll('g.state')) {
      const id = g.getAttribute('data-id');
      g.classList.toggle('current', current !== undefined && isAncestorOrSelf(this.byId, id, current));
      g.classList.toggle('visited', ids.some((v) => isAncestorOrSelf(this.byId, id, v)));
    }
    const taken = new Set();
    for (let i = 1; i < ids.length; i++) {
      const edge = this.edgeBetween(ids[i - 1], ids[i], i === ids.length - 1 ? outcome : undefined);
      if (edge !== undefined) taken.add(edge);
    }
    for (const edge of this.edges) {
      edge.node.classList.toggle('taken', taken.has(edge));
      edge.node.querySelector('path').setAttribute('marker-end', taken.has(edge) ? 'url(#arrow-taken)' : 'url(#arrow)');
    }
  }

  edgeBetween(from, to, outcome) {
    const wanted = {
      completed: ['execution.done'],
      stopped: ['execution.done', 'query.stop'],
      cancelled: ['query.cancel'],
      failed: ['execution.failed', 'xstate.error.actor.execution'],
    }[outcome] ?? [];
    let best;
    let bestScore = -1;
    for (const edge of this.edges) {
      if (!isAncestorOrSelf(this.byId, edge.source, from) || !isAncestorOrSelf(this.byId, edge.target, to)) continue;
      let depth = 0;
      for (let cur = edge.source; cur !== null; cur = this.byId.get(cur).parent) depth++;
      const score = (edge.events.some((e) => wanted.includes(e) || e.startsWith('xstate.error') && outcome === 'failed') ? 100 : 0) + depth;
      if (score > bestScore) {
        best = edge;
        bestScore = score;
      }
    }
    return best;
  }
}
