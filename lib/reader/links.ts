/** The reader URL that shows one extracted record (anchor e.g. "task-12") highlighted in its source file. */
export function sourceHref(slug: string, fileName: string, anchor: string): string {
  return `/documents/${slug}?file=${encodeURIComponent(fileName)}#${anchor}`;
}
