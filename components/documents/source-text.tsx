import type { HighlightNode, MarkKind } from "@/lib/reader/highlight";

// Every kind has a text label in the legend; colours only repeat what the legend says.
export const MARK_STYLES: Record<MarkKind, string> = {
  section: "",
  task: "rounded-sm bg-sky-50 ring-1 ring-sky-200",
  units: "bg-indigo-100 underline decoration-indigo-600 decoration-2 underline-offset-4",
  milestone: "bg-amber-100",
  target: "bg-emerald-100 font-medium",
  baseline: "bg-violet-100",
};

// The record a 原文 link points at (#task-12) is outlined: by :target on a full page load (works
// without script) and by data-highlighted, which ScrollToHash sets after client-side navigation.
const TARGETED =
  "scroll-mt-24 target:bg-yellow-200 target:outline-2 target:outline-offset-2 target:outline-red-600 " +
  "data-highlighted:bg-yellow-200 data-highlighted:outline-2 data-highlighted:outline-offset-2 data-highlighted:outline-red-600";

function Nodes({ nodes }: { nodes: HighlightNode[] }) {
  return nodes.map((node, i) => {
    if (node.type === "text") return node.text;
    if (node.type === "anchor") return <span key={node.anchor} id={node.anchor} className="scroll-mt-24" />;
    return (
      <span
        key={`${node.mark.anchor}-${i}`}
        id={node.mark.anchor}
        data-kind={node.mark.kind}
        title={node.mark.label}
        className={`${MARK_STYLES[node.mark.kind]} ${TARGETED}`}
      >
        <Nodes nodes={node.children} />
      </span>
    );
  });
}

/** The raw source text with the extracted records highlighted in place. */
export function SourceText({ nodes, label }: { nodes: HighlightNode[]; label: string }) {
  return (
    <div
      aria-label={label}
      role="document"
      className="rounded-lg border border-slate-200 bg-white p-3 text-[15px] leading-8 break-words whitespace-pre-wrap md:p-6"
    >
      <Nodes nodes={nodes} />
    </div>
  );
}
