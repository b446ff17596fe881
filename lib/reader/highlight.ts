/**
 * Turns a raw text and the extracted records' offsets into a tree of nested spans, so the reader can
 * render each record as one element (addressable by its anchor, styled with :target) with the records
 * inside it nested within. Marks that partly overlap an enclosing one are clipped to it.
 */
export type MarkKind = "section" | "task" | "units" | "milestone" | "target" | "baseline";

export interface Mark {
  kind: MarkKind;
  /** The element id (anchor) of the mark, unique in the page, e.g. "task-12". */
  anchor: string;
  start: number;
  end: number;
  label?: string;
}

export type HighlightNode =
  | { type: "text"; text: string }
  | { type: "mark"; mark: Mark; children: HighlightNode[] }
  /** A point (section headings): an empty element to jump to, placed at `start`. */
  | { type: "anchor"; anchor: string };

// When two marks cover the same span, the bigger concept encloses the smaller.
const RANK: Record<MarkKind, number> = { section: 0, task: 1, units: 2, milestone: 3, target: 4, baseline: 4 };

export function buildHighlightTree(
  text: string,
  marks: readonly Mark[],
  points: readonly Mark[] = [],
): HighlightNode[] {
  const valid = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);

  interface Frame {
    node: Extract<HighlightNode, { type: "mark" }> | null;
    end: number;
    cursor: number;
    children: HighlightNode[];
  }
  const root: Frame = { node: null, end: text.length, cursor: 0, children: [] };
  const stack: Frame[] = [root];

  const closeTop = () => {
    const frame = stack.pop()!;
    if (frame.cursor < frame.end) frame.children.push({ type: "text", text: text.slice(frame.cursor, frame.end) });
    frame.node!.children = frame.children;
    const parent = stack[stack.length - 1]!;
    parent.cursor = frame.end;
  };

  const pointQueue = points.filter((p) => p.start >= 0 && p.start <= text.length).sort((a, b) => a.start - b.start);
  let nextPoint = 0;
  // Places the points that come before `position` (ties: before a mark starting there).
  const placePoints = (position: number) => {
    while (nextPoint < pointQueue.length && pointQueue[nextPoint]!.start <= position) {
      const point = pointQueue[nextPoint++]!;
      while (stack.length > 1 && stack[stack.length - 1]!.end <= point.start) closeTop();
      const parent = stack[stack.length - 1]!;
      if (point.start > parent.cursor)
        parent.children.push({ type: "text", text: text.slice(parent.cursor, point.start) });
      parent.cursor = Math.max(parent.cursor, point.start);
      parent.children.push({ type: "anchor", anchor: point.anchor });
    }
  };

  for (const mark of valid) {
    placePoints(mark.start);
    while (stack.length > 1 && stack[stack.length - 1]!.end <= mark.start) closeTop();
    const parent = stack[stack.length - 1]!;
    const start = Math.max(mark.start, parent.cursor);
    const end = Math.min(mark.end, parent.end);
    if (end <= start) continue;
    if (start > parent.cursor) parent.children.push({ type: "text", text: text.slice(parent.cursor, start) });
    const node: Extract<HighlightNode, { type: "mark" }> = {
      type: "mark",
      mark: { ...mark, start, end },
      children: [],
    };
    parent.children.push(node);
    parent.cursor = start;
    stack.push({ node, end, cursor: start, children: [] });
  }
  placePoints(text.length);
  while (stack.length > 1) closeTop();
  if (root.cursor < text.length) root.children.push({ type: "text", text: text.slice(root.cursor) });
  return root.children;
}

/** The text a tree renders, for tests: must always equal the input text. */
export function flattenHighlightTree(nodes: readonly HighlightNode[]): string {
  return nodes
    .map((n) => (n.type === "text" ? n.text : n.type === "anchor" ? "" : flattenHighlightTree(n.children)))
    .join("");
}
